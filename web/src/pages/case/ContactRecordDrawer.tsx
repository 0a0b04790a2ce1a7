import { Alert, Drawer, SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useNames } from '../../api/directory';
import type { ContactRecord } from '../../api/types';
import { useSession } from '../../auth/session';
import { ErrorState, LoadingSkeleton } from '../../components/PageState';
import { formatDateTime } from '../../i18n/format';
import { useContactRecord } from './api';

function Item({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
        {children === null || children === '' ? t('common.none') : children}
      </Text>
    </div>
  );
}

export function ContactRecordDetails({ record }: { record: ContactRecord }) {
  const { t } = useTranslation();
  const session = useSession();
  const names = useNames();
  const time = (iso: string | null) => (iso ? formatDateTime(iso, session.locale, session.timeZone) : null);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" m={0} spacing="md" verticalSpacing="sm">
      <Item label={t('caseDetails.contactRecord.id')}>{record.id}</Item>
      <Item label={t('caseDetails.contactRecord.channel')}>{t(`enums.origin.${record.channel}`)}</Item>
      <Item label={t('caseDetails.contactRecord.direction')}>
        {t(`caseDetails.contactRecord.${record.direction}`)}
      </Item>
      <Item label={t('caseDetails.contactRecord.caller')}>{record.caller}</Item>
      <Item label={t('caseDetails.contactRecord.callee')}>{record.callee}</Item>
      <Item label={t('caseDetails.contactRecord.agent')}>{names.user(record.agentId)}</Item>
      <Item label={t('caseDetails.contactRecord.startedAt')}>{time(record.startedAt)}</Item>
      <Item label={t('caseDetails.contactRecord.endedAt')}>{time(record.endedAt)}</Item>
      <div style={{ gridColumn: '1 / -1' }}>
        <Item label={t('caseDetails.contactRecord.summary')}>{record.summary}</Item>
      </div>
    </SimpleGrid>
  );
}

/** The contact record behind the InteractionId (GET /api/v1/contact-records/{id}); 410 once expired. */
export function ContactRecordDrawer({
  caseId,
  recordId,
  onClose,
}: {
  caseId: string;
  recordId: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const record = useContactRecord(caseId, recordId);
  const expired = record.error instanceof ApiError && record.error.status === 410;
  return (
    <Drawer
      opened={recordId !== null}
      onClose={onClose}
      title={t('caseDetails.contactRecord.title')}
      position="right"
      size="md"
      closeButtonProps={{ 'aria-label': t('caseDetails.dialog.back') }}
    >
      {record.isPending ? (
        <LoadingSkeleton rows={5} />
      ) : expired ? (
        <Alert color="yellow" role="alert">
          {t('caseDetails.contactRecord.expired')}
        </Alert>
      ) : record.isError ? (
        <ErrorState error={record.error} onRetry={() => void record.refetch()} />
      ) : (
        <ContactRecordDetails record={record.data} />
      )}
    </Drawer>
  );
}
