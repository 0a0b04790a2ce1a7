import { Text, type TextProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNames } from '../../api/directory';
import { useSession } from '../../auth/session';
import { formatDateTime } from '../../i18n/format';

/** Text as typed: line breaks kept, long words wrapped. */
export function ProseText({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
      {children}
    </Text>
  );
}

/** "Author · time" above a record. */
export function AuthorAndTime({ authorId, at, ...props }: TextProps & { authorId: string; at: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const names = useNames();
  return (
    <Text size="xs" c="dimmed" {...props}>
      {names.user(authorId) ?? t('common.unknownUser')} ·{' '}
      {formatDateTime(at, session.locale, session.timeZone)}
    </Text>
  );
}
