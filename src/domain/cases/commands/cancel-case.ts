import type { AppContext } from '../../context.js';
import type { Case } from '../case.js';
import type { CaseViewer } from '../case.policy.js';
import { operateOnCase, pauseClock } from '../operate.js';

/** Cancels an open or suspended case, remembering its state and status for a later resume. */
export function cancelCase(
  ctx: AppContext,
  viewer: CaseViewer,
  c: Case,
  input: { ifMatch: number | null; remark?: string | undefined },
): Promise<Case> {
  return operateOnCase(ctx, viewer, c, 'cancel', {
    ifMatch: input.ifMatch,
    plan: (before, _type, now) => ({
      after: {
        ...before,
        state: 'cancelled',
        priorState: before.state,
        priorStatus: before.status,
        ...pauseClock(before, now),
      },
      kind: 'cancelled',
      remark: input.remark,
    }),
  });
}
