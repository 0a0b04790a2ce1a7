import { useState } from 'react';
import type { Case } from '../../api/types';

/**
 * The version of the case the user saw when the dialog opened: a change since then is a conflict to
 * resolve. `onReloaded` (for {@link ServerError}) clears the refusal and writes against the case as
 * it is now.
 */
export function useSeenVersion(caseData: Case, mutation: { reset: () => void }) {
  const [version, setVersion] = useState(caseData.version);
  const onReloaded = (latest: Case | undefined) => {
    mutation.reset();
    if (latest) setVersion(latest.version);
  };
  return { version, onReloaded };
}
