import { Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { INTERNAL_RECORD_MAX } from '../../../../../contract/constants';
import type { Case } from '../../../api/types';
import { EmptyState } from '../../../components/PageState';
import { useAddInternalRecord, useInternalRecords } from '../api';
import { NoteForm } from '../NoteForm';
import { QueryState } from '../QueryState';
import { AuthorAndTime, ProseText } from '../RecordText';

/** Names the tab's panel (its own words, so that "Internal record" names only the field). */
export const INTERNAL_PANEL_LABEL_ID = 'case-internal-records-privacy';

/** Internal Record: private notes of the owner and tenant administrators (the tab is absent for others). */
export function InternalRecordsTab({ caseData }: { caseData: Case }) {
  const { t } = useTranslation();
  const list = useInternalRecords(caseData.id, true);
  const mutation = useAddInternalRecord(caseData.id);
  const canAdd = caseData.state !== 'merged';
  const items = list.data?.items ?? [];
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed" id={INTERNAL_PANEL_LABEL_ID}>
        {t('caseDetails.internal.privacy')}
      </Text>
      {canAdd ? (
        <NoteForm
          mutation={mutation}
          label={t('caseDetails.internal.field')}
          maxLength={INTERNAL_RECORD_MAX}
          minRows={3}
          blankError={t('caseDetails.internal.emptyBody')}
          submitLabel={t('caseDetails.internal.add')}
          sentMessage={t('caseDetails.internal.added')}
        />
      ) : (
        <Text size="sm" c="dimmed">
          {t('caseDetails.internal.notAllowed')}
        </Text>
      )}
      <QueryState
        query={list}
        skeletonRows={3}
        isEmpty={items.length === 0}
        empty={<EmptyState message={t('caseDetails.internal.empty')} />}
      >
        {() => (
          <Stack component="ol" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
            {items.map((record) => (
              <Paper component="li" key={record.id} withBorder p="sm" radius="sm">
                <AuthorAndTime authorId={record.authorId} at={record.createdAt} mb={4} />
                <ProseText>{record.body}</ProseText>
              </Paper>
            ))}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
