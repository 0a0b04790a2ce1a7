import { Alert, Anchor, Badge, Grid, Group, Skeleton, Stack, Tabs } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useCaseTypes } from '../../api/directory';
import type { Case } from '../../api/types';
import { ErrorState, LoadingSkeleton } from '../../components/PageState';
import {
  useAssociated,
  useAttachments,
  useCase,
  useCaseCustomer,
  useContactRecords,
  useInternalRecords,
  useTasks,
  useTrack,
} from './api';
import { CaseHeader } from './CaseHeader';
import { CaseInfo } from './CaseInfo';
import { ContactRecordDrawer } from './ContactRecordDrawer';
import { CustomerPanel } from './CustomerPanel';
import { EditCaseDialog } from './EditCaseDialog';
import { MergeDialog } from './MergeDialog';
import { OperationBar } from './OperationBar';
import { OperationDialog, type OperationRequest } from './OperationDialog';
import { AssociatedTab } from './tabs/AssociatedTab';
import { AttachmentsTab } from './tabs/AttachmentsTab';
import { ContactRecordsTab } from './tabs/ContactRecordsTab';
import { INTERNAL_PANEL_LABEL_ID, InternalRecordsTab } from './tabs/InternalRecordsTab';
import { TasksTab } from './tabs/TasksTab';
import { TrackTab } from './tabs/TrackTab';

const TABS = ['track', 'attachments', 'tasks', 'associated', 'internal', 'contacts'] as const;
type TabName = (typeof TABS)[number];
const isTab = (value: string | null): value is TabName => TABS.includes(value as TabName);

/** The case details page (UI.md): header, operations, information, tabs and the customer panel. */
export function CaseDetailsPage() {
  const { id = '' } = useParams();
  return <CaseDetails key={id} id={id} />;
}

function CaseDetails({ id }: { id: string }) {
  const { t } = useTranslation();
  const query = useCase(id);
  useDocumentTitle(
    query.data
      ? `${t('caseDetails.caseNo', { no: query.data.caseNo })} ${query.data.title} · ${t('common.appName')}`
      : t('caseDetails.title'),
  );
  if (query.isPending) return <PageSkeleton />;
  if (query.isError) {
    const notFound = query.error instanceof ApiError && query.error.status === 404;
    return (
      <Stack gap="md" maw={640}>
        {notFound ? (
          <Alert color="yellow" role="alert" title={t('caseDetails.title')}>
            <Stack gap="xs" align="flex-start">
              {t('caseDetails.notFound')}
              <Anchor component={Link} to="/">
                {t('caseDetails.backToWorkbench')}
              </Anchor>
            </Stack>
          </Alert>
        ) : (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        )}
      </Stack>
    );
  }
  return <CaseView caseData={query.data} />;
}

function PageSkeleton() {
  const { t } = useTranslation();
  return (
    <Stack gap="md" aria-busy="true" aria-label={t('common.loading')}>
      <Skeleton height={36} width="60%" />
      <Group gap="sm">
        <Skeleton height={22} width={80} />
        <Skeleton height={22} width={80} />
        <Skeleton height={22} width={120} />
      </Group>
      <Skeleton height={48} />
      <Group gap="xs">
        {Array.from({ length: 6 }, (_, index) => (
          <Skeleton key={index} height={36} width={90} />
        ))}
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <LoadingSkeleton rows={8} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <LoadingSkeleton rows={6} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function TabLabel({ label, count }: { label: string; count: number | undefined }) {
  return (
    <Group gap={6} wrap="nowrap">
      <span>{label}</span>{' '}
      {count !== undefined && (
        <Badge size="sm" variant="light" color="gray" circle={count < 10}>
          {count}
        </Badge>
      )}
    </Group>
  );
}

type Dialog = { kind: 'operation'; request: OperationRequest } | { kind: 'edit' } | { kind: 'merge' } | null;

function CaseView({ caseData }: { caseData: Case }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [dialog, setDialog] = useState<Dialog>(null);
  const caseType = useCaseTypes().data?.find((type) => type.id === caseData.typeId);
  const customer = useCaseCustomer(caseData.id).data?.customer;
  const mayViewInternal = caseData.abilities.viewInternalRecords;

  // Counts for the tabs; the tabs read the same queries, so nothing is fetched twice.
  const track = useTrack(caseData.id);
  const attachments = useAttachments(caseData.id);
  const tasks = useTasks(caseData.id);
  const associated = useAssociated(caseData.id);
  const internal = useInternalRecords(caseData.id, mayViewInternal);
  const contacts = useContactRecords(caseData.id);
  const associatedCount = associated.data
    ? associated.data.mergedCases.length + (associated.data.mainCase ? 1 : 0)
    : undefined;

  const requested = params.get('tab');
  const tab: TabName =
    isTab(requested) && (requested !== 'internal' || mayViewInternal) ? requested : 'track';
  const setTab = (value: string | null) => {
    if (!isTab(value)) return;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === 'track') next.delete('tab');
        else next.set('tab', value);
        return next;
      },
      { replace: true },
    );
  };

  const contactRecordId = params.get('contactRecord');
  const contactRecordLink = (recordId: string) => {
    const next = new URLSearchParams(params);
    next.set('contactRecord', recordId);
    return `?${next.toString()}`;
  };
  const closeContactRecord = () =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.delete('contactRecord');
      return next;
    });

  const tabs: { value: TabName; label: string; count: number | undefined; panel: ReactNode }[] = [
    {
      value: 'track',
      label: t('caseDetails.tabs.track'),
      count: track.data?.pages[0]?.total,
      panel: <TrackTab caseData={caseData} />,
    },
    {
      value: 'attachments',
      label: t('caseDetails.tabs.attachments'),
      count: attachments.data?.total,
      panel: <AttachmentsTab caseData={caseData} />,
    },
    {
      value: 'tasks',
      label: t('caseDetails.tabs.tasks'),
      count: tasks.data?.total,
      panel: <TasksTab caseData={caseData} />,
    },
    {
      value: 'associated',
      label: t('caseDetails.tabs.associated'),
      count: associatedCount,
      panel: <AssociatedTab caseData={caseData} />,
    },
    ...(mayViewInternal
      ? [
          {
            value: 'internal' as const,
            label: t('caseDetails.tabs.internal'),
            count: internal.data?.total,
            panel: <InternalRecordsTab caseData={caseData} />,
          },
        ]
      : []),
    {
      value: 'contacts',
      label: t('caseDetails.tabs.contacts'),
      count: contacts.data?.total,
      panel: <ContactRecordsTab caseData={caseData} recordLink={contactRecordLink} />,
    },
  ];

  return (
    <Stack gap="md">
      {caseData.state === 'merged' && (
        <Alert color="grape" variant="light">
          <Group gap="sm" wrap="wrap">
            <span>{t('caseDetails.readOnlyMerged')}</span>
            {caseData.mergedIntoId && (
              <Anchor component={Link} to={`/cases/${caseData.mergedIntoId}`} size="sm">
                {t('caseDetails.openMainCase')}
              </Anchor>
            )}
          </Group>
        </Alert>
      )}
      <CaseHeader
        caseData={caseData}
        caseType={caseType}
        onMoveStatus={(status) => setDialog({ kind: 'operation', request: { operation: 'status', status } })}
      />
      <OperationBar
        caseData={caseData}
        onOperation={(operation) => {
          if (operation === 'edit') setDialog({ kind: 'edit' });
          else if (operation === 'merge') setDialog({ kind: 'merge' });
          else setDialog({ kind: 'operation', request: { operation } });
        }}
      />
      <Grid gap="md" columns={24}>
        <Grid.Col span={{ base: 24, md: 16, lg: 17 }}>
          <Stack gap="md">
            <CaseInfo
              caseData={caseData}
              caseType={caseType}
              customer={customer}
              contactRecordLink={contactRecordLink}
            />
            <Tabs
              value={tab}
              onChange={setTab}
              keepMounted={false}
              styles={{ tab: { paddingInline: 'var(--mantine-spacing-xs)' } }}
            >
              <Tabs.List aria-label={t('caseDetails.tabs.label')}>
                {tabs.map((item) => (
                  <Tabs.Tab key={item.value} value={item.value}>
                    <TabLabel label={item.label} count={item.count} />
                  </Tabs.Tab>
                ))}
              </Tabs.List>
              {tabs.map((item) => (
                <Tabs.Panel
                  key={item.value}
                  value={item.value}
                  pt="md"
                  // The Internal Record panel is named apart from its tab, so that "Internal record"
                  // names only the field inside it.
                  {...(item.value === 'internal' ? { 'aria-labelledby': INTERNAL_PANEL_LABEL_ID } : {})}
                >
                  {item.panel}
                </Tabs.Panel>
              ))}
            </Tabs>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 24, md: 8, lg: 7 }}>
          <CustomerPanel caseData={caseData} />
        </Grid.Col>
      </Grid>
      <OperationDialog
        caseData={caseData}
        request={dialog?.kind === 'operation' ? dialog.request : null}
        onClose={() => setDialog(null)}
      />
      <EditCaseDialog
        caseData={caseData}
        customer={customer}
        opened={dialog?.kind === 'edit'}
        onClose={() => setDialog(null)}
      />
      <MergeDialog caseData={caseData} opened={dialog?.kind === 'merge'} onClose={() => setDialog(null)} />
      <ContactRecordDrawer caseId={caseData.id} recordId={contactRecordId} onClose={closeContactRecord} />
    </Stack>
  );
}
