import { Anchor, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useNames } from '../../../api/directory';
import type { Case } from '../../../api/types';
import { useSession } from '../../../auth/session';
import { EmptyState } from '../../../components/PageState';
import { formatDateTime } from '../../../i18n/format';
import { useContactRecords } from '../api';
import { QueryState } from '../QueryState';

/** Contact Records: the calls, video sessions and chats of the case and its customer, last 7 days. */
export function ContactRecordsTab({
  caseData,
  recordLink,
}: {
  caseData: Case;
  recordLink: (id: string) => string;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const names = useNames();
  const list = useContactRecords(caseData.id);
  const time = (iso: string | null) =>
    iso ? formatDateTime(iso, session.locale, session.timeZone) : t('common.none');
  return (
    <QueryState
      query={list}
      skeletonRows={3}
      isEmpty={list.data?.items.length === 0}
      empty={<EmptyState message={t('caseDetails.contacts.empty')} />}
    >
      {({ items }) => (
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            {t('caseDetails.contacts.window')}
          </Text>
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="xs" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('caseDetails.contacts.channel')}</Table.Th>
                  <Table.Th>{t('caseDetails.contacts.direction')}</Table.Th>
                  <Table.Th>{t('caseDetails.contacts.caller')}</Table.Th>
                  <Table.Th>{t('caseDetails.contacts.callee')}</Table.Th>
                  <Table.Th>{t('caseDetails.contacts.agent')}</Table.Th>
                  <Table.Th>{t('caseDetails.contacts.startedAt')}</Table.Th>
                  <Table.Th>{t('caseDetails.contacts.endedAt')}</Table.Th>
                  <Table.Th>{t('caseDetails.contacts.summary')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((record) => (
                  <Table.Tr key={record.id} data-current={record.id === caseData.interactionId || undefined}>
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={recordLink(record.id)}
                        size="sm"
                        aria-label={t('caseDetails.contacts.open', {
                          id: record.id,
                          channel: t(`enums.origin.${record.channel}`),
                        })}
                      >
                        {t(`enums.origin.${record.channel}`)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{t(`caseDetails.contactRecord.${record.direction}`)}</Table.Td>
                    <Table.Td>{record.caller}</Table.Td>
                    <Table.Td>{record.callee}</Table.Td>
                    <Table.Td>{names.user(record.agentId) ?? t('common.none')}</Table.Td>
                    <Table.Td>{time(record.startedAt)}</Table.Td>
                    <Table.Td>{time(record.endedAt)}</Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere', maxWidth: 280 }}>
                      {record.summary ?? t('common.none')}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}
    </QueryState>
  );
}
