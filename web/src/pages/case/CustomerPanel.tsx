import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useNames } from '../../api/directory';
import type { Case, CaseListItem } from '../../api/types';
import { useSession } from '../../auth/session';
import { StateBadge, UpgradedMark } from '../../components/Badges';
import { ErrorState, LoadingSkeleton } from '../../components/PageState';
import { LoadMoreButton } from '../../components/PagedTable';
import { formatDateTime } from '../../i18n/format';
import { useCaseCustomer, useHistoricalCases } from './api';
import { EvaluationPanel } from './EvaluationPanel';

function Line({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation();
  const empty = children === null || children === undefined || children === '';
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text component="dt" size="xs" c="dimmed" w={72} style={{ flexShrink: 0 }} pt={2}>
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
        {empty ? t('common.none') : children}
      </Text>
    </Group>
  );
}

/** The right panel: the customer, their historical cases and the evaluation of this case. */
export function CustomerPanel({ caseData }: { caseData: Case }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" component="aside" aria-label={t('caseDetails.panel.label')}>
      <CustomerCard caseId={caseData.id} />
      <HistoryCard caseData={caseData} />
      <EvaluationPanel caseData={caseData} />
    </Stack>
  );
}

function CustomerCard({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const names = useNames();
  const query = useCaseCustomer(caseId);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="case-customer-heading">
      <Title order={2} size="h4" id="case-customer-heading" mb="sm">
        {t('caseDetails.panel.customer')}
      </Title>
      {query.isPending ? (
        <LoadingSkeleton rows={4} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Stack gap={6} component="dl" m={0}>
          <Line label={t('caseDetails.panel.name')}>
            <Anchor component={Link} to={`/customers/${query.data.customer.id}`} size="sm" fw={600}>
              {query.data.customer.name}
            </Anchor>
          </Line>
          <Line label={t('caseDetails.panel.phones')}>{query.data.customer.phones.join(', ')}</Line>
          <Line label={t('caseDetails.panel.email')}>{query.data.customer.email}</Line>
          <Line label={t('caseDetails.panel.company')}>{query.data.customer.company}</Line>
          <Line label={t('caseDetails.panel.ou')}>{names.ou(query.data.customer.ouId)}</Line>
          <Line label={t('caseDetails.panel.remark')}>{query.data.customer.remark}</Line>
        </Stack>
      )}
    </Paper>
  );
}

function HistoryItem({ item }: { item: CaseListItem }) {
  const session = useSession();
  const { t } = useTranslation();
  return (
    <li>
      <Stack gap={2}>
        <Anchor component={Link} to={`/cases/${item.id}`} size="sm" style={{ overflowWrap: 'anywhere' }}>
          {item.upgraded && <UpgradedMark />}
          {t('caseDetails.caseNo', { no: item.caseNo })} {item.title}
        </Anchor>
        <Group gap="xs" wrap="wrap">
          <StateBadge state={item.state} />
          <Text size="xs">{item.status}</Text>
          <Text size="xs" c="dimmed">
            {formatDateTime(item.createdAt, session.locale, session.timeZone)}
          </Text>
        </Group>
      </Stack>
    </li>
  );
}

function HistoryCard({ caseData }: { caseData: Case }) {
  const { t } = useTranslation();
  const history = useHistoricalCases(caseData.id, caseData.customerId);
  // The right panel's own answer, for a caller whose OU scope hides the customer's list.
  const fallback = useCaseCustomer(caseData.id);
  const pages = history.data?.pages ?? [];
  const items = history.isError
    ? (fallback.data?.historicalCases ?? [])
    : pages.flatMap((page) => page.items);
  const total = history.isError ? (fallback.data?.historicalTotal ?? 0) : (pages[0]?.total ?? 0);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="case-history-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="case-history-heading">
          {t('caseDetails.panel.history')}
        </Title>
        {total > 0 && (
          <Text size="xs" c="dimmed">
            {t('caseDetails.panel.historyCount', { count: total })}
          </Text>
        )}
      </Group>
      {history.isPending ? (
        <LoadingSkeleton rows={3} />
      ) : history.isError && fallback.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('caseDetails.panel.historyEmpty')}
        </Text>
      ) : (
        <Stack gap="sm">
          <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
            {items.map((item) => (
              <HistoryItem key={item.id} item={item} />
            ))}
          </Stack>
          <LoadMoreButton query={history} variant="subtle" size="xs">
            {t('caseDetails.panel.moreHistory')}
          </LoadMoreButton>
        </Stack>
      )}
    </Paper>
  );
}
