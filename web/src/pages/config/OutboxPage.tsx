import { Button, Group, Select, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  LIMITS,
  NOTIFICATION_STATUSES,
  TEMPLATE_KINDS,
  type NotificationStatus,
} from '../../../../contract/constants';
import { apiRequest } from '../../api/client';
import type { Notification, Page } from '../../api/types';
import { useSession } from '../../auth/session';
import { formatDateTime } from '../../i18n/format';
import { configKeys } from './shared/data';
import { Loaded } from './shared/Loaded';
import { ConfigPage, ConfigTable, StatusBadge } from './shared/PageParts';

const STATUS_COLOURS: Record<NotificationStatus, string> = {
  pending: 'gray',
  sending: 'blue',
  sent: 'green',
  failed: 'red',
};

function isStatus(value: string | null): value is NotificationStatus {
  return value !== null && (NOTIFICATION_STATUSES as readonly string[]).includes(value);
}

function isKind(value: string): value is (typeof TEMPLATE_KINDS)[number] {
  return (TEMPLATE_KINDS as readonly string[]).includes(value);
}

export function OutboxPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [status, setStatus] = useState<NotificationStatus | null>(null);
  const outbox = useInfiniteQuery({
    queryKey: [...configKeys.outbox, status],
    queryFn: ({ pageParam }) =>
      apiRequest<Page<Notification>>('/api/v1/notifications', {
        query: {
          limit: LIMITS.pageSizeDefault * 2,
          cursor: pageParam ?? undefined,
          status: status ?? undefined,
        },
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = outbox.data?.pages.flatMap((page) => page.items) ?? [];
  const total = outbox.data?.pages[0]?.total ?? 0;
  const when = (iso: string | null) => (iso ? formatDateTime(iso, session.locale, session.timeZone) : null);

  return (
    <ConfigPage
      title={t('config.pages.outbox')}
      description={t('config.outbox.intro')}
      action={
        <Button variant="default" onClick={() => void outbox.refetch()} loading={outbox.isRefetching}>
          {t('config.outbox.refresh')}
        </Button>
      }
    >
      <Group align="flex-end" justify="space-between">
        <Select
          label={t('config.outbox.status')}
          placeholder={t('config.outbox.allStatuses')}
          data={NOTIFICATION_STATUSES.map((value) => ({
            value,
            label: t(`config.outbox.statuses.${value}`),
          }))}
          value={status}
          onChange={(value) => setStatus(isStatus(value) ? value : null)}
          clearable
          w={220}
        />
        {outbox.data && (
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('config.outbox.shown', { shown: items.length, total })}
          </Text>
        )}
      </Group>
      <Loaded
        query={outbox}
        empty={{
          when: () => items.length === 0,
          message: status ? t('config.outbox.emptyFiltered') : t('config.outbox.empty'),
        }}
      >
        {() => (
          <>
            <ConfigTable
              caption={t('config.pages.outbox')}
              minWidth={820}
              head={
                <>
                  <Table.Th>{t('config.outbox.created')}</Table.Th>
                  <Table.Th>{t('config.outbox.kindChannel')}</Table.Th>
                  <Table.Th>{t('config.outbox.recipient')}</Table.Th>
                  <Table.Th>{t('config.outbox.status')}</Table.Th>
                  <Table.Th>{t('config.outbox.attempts')}</Table.Th>
                  <Table.Th>{t('config.outbox.lastError')}</Table.Th>
                  <Table.Th>{t('config.outbox.case')}</Table.Th>
                </>
              }
            >
              {items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>{when(item.createdAt)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {isKind(item.kind) ? t(`config.templates.kinds.${item.kind}`) : item.kind}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t(`config.templates.channels.${item.channel}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {item.recipient ?? t('common.none')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge color={STATUS_COLOURS[item.status]} variant="light">
                      {t(`config.outbox.statuses.${item.status}`)}
                    </StatusBadge>
                    {item.sentAt && (
                      <Text size="xs" c="dimmed" mt={2}>
                        {t('config.outbox.sentAt', { at: when(item.sentAt) })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{item.attempts}</Table.Td>
                  <Table.Td>
                    <Text
                      size="sm"
                      c={item.lastError ? 'red.8' : undefined}
                      style={{ overflowWrap: 'anywhere' }}
                    >
                      {item.lastError ?? t('common.none')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {item.caseId ? (
                      <Link to={`/cases/${item.caseId}`}>{t('config.outbox.openCase')}</Link>
                    ) : (
                      t('common.none')
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </ConfigTable>
            {outbox.hasNextPage && (
              <Group justify="center">
                <Button
                  variant="default"
                  onClick={() => void outbox.fetchNextPage()}
                  loading={outbox.isFetchingNextPage}
                >
                  {t('common.loadMore')}
                </Button>
              </Group>
            )}
          </>
        )}
      </Loaded>
    </ConfigPage>
  );
}
