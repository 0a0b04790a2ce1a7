import { Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { INTERNAL_RECORD_MAX } from '../../../../../contract/constants';
import { useNames } from '../../../api/directory';
import type { Case } from '../../../api/types';
import { useSession } from '../../../auth/session';
import { EmptyState, ErrorState, LoadingSkeleton } from '../../../components/PageState';
import { formatDateTime } from '../../../i18n/format';
import { useAddInternalRecord, useInternalRecords } from '../api';
import { ServerError } from '../ServerError';

/** Names the tab's panel (its own words, so that "Internal record" names only the field). */
export const INTERNAL_PANEL_LABEL_ID = 'case-internal-records-privacy';

/** Internal Record: private notes of the owner and tenant administrators (the tab is absent for others). */
export function InternalRecordsTab({ caseData }: { caseData: Case }) {
  const { t } = useTranslation();
  const session = useSession();
  const names = useNames();
  const list = useInternalRecords(caseData.id, true);
  const mutation = useAddInternalRecord(caseData.id);
  const [body, setBody] = useState('');
  const [touched, setTouched] = useState(false);
  const blank = body.trim().length === 0;
  const canAdd = caseData.state !== 'merged';
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    setTouched(true);
    if (blank) return;
    mutation.mutate(body, {
      onSuccess: () => {
        setBody('');
        setTouched(false);
        notifications.show({ color: 'green', message: t('caseDetails.internal.added') });
      },
    });
  };
  const items = list.data?.items ?? [];
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed" id={INTERNAL_PANEL_LABEL_ID}>
        {t('caseDetails.internal.privacy')}
      </Text>
      {canAdd ? (
        <form onSubmit={submit} noValidate>
          <Stack gap="xs">
            <Textarea
              label={t('caseDetails.internal.field')}
              value={body}
              onChange={(event) => setBody(event.currentTarget.value)}
              maxLength={INTERNAL_RECORD_MAX}
              autosize
              minRows={3}
              maxRows={10}
              description={t('caseDetails.dialog.characters', {
                count: body.length,
                max: INTERNAL_RECORD_MAX,
              })}
              error={touched && blank ? t('caseDetails.internal.emptyBody') : undefined}
            />
            <ServerError error={mutation.error} />
            <Group justify="flex-end">
              <Button type="submit" loading={mutation.isPending}>
                {t('caseDetails.internal.add')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Text size="sm" c="dimmed">
          {t('caseDetails.internal.notAllowed')}
        </Text>
      )}
      {list.isPending ? (
        <LoadingSkeleton rows={3} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState message={t('caseDetails.internal.empty')} />
      ) : (
        <Stack component="ol" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
          {items.map((record) => (
            <Paper component="li" key={record.id} withBorder p="sm" radius="sm">
              <Text size="xs" c="dimmed" mb={4}>
                {names.user(record.authorId) ?? t('common.unknownUser')} ·{' '}
                {formatDateTime(record.createdAt, session.locale, session.timeZone)}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {record.body}
              </Text>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
