import { Anchor, Button, Group, Select, Stack, Table, Tabs, Title, UnstyledButton } from '@mantine/core';
import type { TFunction } from 'i18next';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { TASK_STATUSES, TASK_VIEWS } from '../../../../contract/constants';
import { useNames } from '../../api/directory';
import type { Task } from '../../api/types';
import { useSession } from '../../auth/session';
import { PriorityBadge } from '../../components/Badges';
import { DueCountdown } from '../../components/DueCountdown';
import { EmptyState } from '../../components/PageState';
import { PagedTable } from '../../components/PagedTable';
import { formatDateTime } from '../../i18n/format';
import { TaskDrawer } from './TaskDrawer';
import { TaskStatusBadge } from './TaskStatusBadge';
import { useTaskList, type TaskStatus, type TaskView } from './taskApi';

// A closed Select's options leave the DOM, so its label names only the input (Mantine keeps them by default).
const CLOSED_UNMOUNTED = { keepMounted: false } as const;

function parseView(value: string | null): TaskView {
  return (TASK_VIEWS as readonly string[]).includes(value ?? '') ? (value as TaskView) : 'todo';
}

function parseStatus(value: string | null): TaskStatus | null {
  return (TASK_STATUSES as readonly string[]).includes(value ?? '') ? (value as TaskStatus) : null;
}

/** Who has the task: its owner, else the OU it was given to. */
export function taskOwnerLabel(task: Task, names: ReturnType<typeof useNames>, t: TFunction): string {
  if (task.ownerId) return names.user(task.ownerId) ?? t('common.unknownUser');
  if (task.ouId) return t('tasks.ouOwner', { name: names.ou(task.ouId) ?? '…' });
  return t('tasks.noOwner');
}

/** My tasks: to do, processed and created views of case tasks (SPEC §13 "Task views"). */
export function MyTasksPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const view = parseView(params.get('view'));
  const status = parseStatus(params.get('status'));
  const openTaskId = params.get('task');

  const update = (changes: Record<string, string | null>) => {
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null) next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );
  };

  return (
    <Stack gap="md">
      <Title order={1}>{t('tasks.title')}</Title>
      <Tabs
        value={view}
        onChange={(value) => update({ view: parseView(value) === 'todo' ? null : value })}
        keepMounted={false}
      >
        <Tabs.List aria-label={t('tasks.views.label')}>
          {TASK_VIEWS.map((item) => (
            <Tabs.Tab key={item} value={item} data-view={item}>
              {t(`tasks.views.${item}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {TASK_VIEWS.map((item) => (
          <Tabs.Panel key={item} value={item} pt="md">
            <TaskList
              view={item}
              status={status}
              onStatus={(value) => update({ status: value })}
              onOpen={(id) => update({ task: id })}
            />
          </Tabs.Panel>
        ))}
      </Tabs>
      <TaskDrawer taskId={openTaskId} onClose={() => update({ task: null })} />
    </Stack>
  );
}

function TaskList({
  view,
  status,
  onStatus,
  onOpen,
}: {
  view: TaskView;
  status: TaskStatus | null;
  onStatus: (status: TaskStatus | null) => void;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const names = useNames();
  const list = useTaskList(view, status);

  const filter = (
    <Select
      comboboxProps={CLOSED_UNMOUNTED}
      label={t('tasks.filterStatus')}
      w={{ base: '100%', xs: 240 }}
      value={status ?? 'all'}
      allowDeselect={false}
      onChange={(value) => onStatus(parseStatus(value))}
      data={[
        { value: 'all', label: t('tasks.allStatuses') },
        ...TASK_STATUSES.map((item) => ({ value: item, label: t(`enums.taskStatus.${item}`) })),
      ]}
    />
  );

  const openFromRow = (event: MouseEvent<HTMLTableRowElement>, id: string) => {
    // Links and buttons in the row do their own thing; the rest of the row opens the task.
    if ((event.target as HTMLElement).closest('a, button')) return;
    onOpen(id);
  };

  const body = (
    <PagedTable
      query={list}
      skeletonRows={8}
      loadError={t('tasks.loadError')}
      empty={
        status ? (
          <EmptyState
            message={t('tasks.empty.filtered')}
            action={
              <Button variant="light" onClick={() => onStatus(null)}>
                {t('tasks.clearFilter')}
              </Button>
            }
          />
        ) : (
          <EmptyState
            message={t(`tasks.empty.${view}`)}
            action={
              view === 'todo' ? (
                <Button component={Link} to="/" variant="light">
                  {t('tasks.openWorkbench')}
                </Button>
              ) : undefined
            }
          />
        )
      }
      minWidth={880}
      label={t('tasks.tableLabel')}
      columns={[
        t('tasks.columns.title'),
        t('tasks.columns.case'),
        t('tasks.columns.status'),
        t('tasks.columns.priority'),
        t('tasks.columns.owner'),
        t('tasks.columns.due'),
        t('tasks.columns.created'),
      ]}
      summary={(shown, total, capped) =>
        capped ? t('tasks.shownCapped', { shown, total }) : t('tasks.shown', { shown, total })
      }
    >
      {(task) => (
        <Table.Tr
          key={task.id}
          data-task-id={task.id}
          style={{ cursor: 'pointer' }}
          onClick={(event) => openFromRow(event, task.id)}
        >
          <Table.Td maw={360}>
            <UnstyledButton
              onClick={() => onOpen(task.id)}
              aria-haspopup="dialog"
              fw={600}
              c="blue.8"
              style={{ textAlign: 'start' }}
            >
              {task.title}
            </UnstyledButton>
          </Table.Td>
          <Table.Td>
            <Anchor
              component={Link}
              to={`/cases/${task.caseId}`}
              aria-label={t('tasks.caseNo', { no: task.caseNo })}
            >
              #{task.caseNo}
            </Anchor>
          </Table.Td>
          <Table.Td>
            <TaskStatusBadge status={task.status} />
          </Table.Td>
          <Table.Td>
            <PriorityBadge priority={task.priority} />
          </Table.Td>
          <Table.Td>{taskOwnerLabel(task, names, t)}</Table.Td>
          <Table.Td>
            <DueCountdown dueAt={task.dueAt} running={task.status !== 'completed'} />
          </Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>
            {formatDateTime(task.createdAt, session.locale, session.timeZone)}
          </Table.Td>
        </Table.Tr>
      )}
    </PagedTable>
  );

  return (
    <Stack gap="md">
      <Group align="flex-end">{filter}</Group>
      {body}
    </Stack>
  );
}
