import {
  Alert,
  Anchor,
  Button,
  Divider,
  Drawer,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMemo, useRef, useState, type SubmitEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TASK_LIMITS, TASK_STATUSES } from '../../../../contract/constants';
import { ApiError, newIdempotencyKey } from '../../api/client';
import { useNames, useUsers } from '../../api/directory';
import type { Task } from '../../api/types';
import { useSession } from '../../auth/session';
import { PriorityBadge } from '../../components/Badges';
import { DueCountdown } from '../../components/DueCountdown';
import { ErrorState, LoadingSkeleton, errorMessage } from '../../components/PageState';
import { LoadMoreButton, PagedState } from '../../components/PagedTable';
import { formatDateTime } from '../../i18n/format';
import { taskOwnerLabel } from './MyTasksPage';
import { TaskStatusBadge } from './TaskStatusBadge';
import { useAddTaskRecord, useChangeTaskStatus, useTask, useTaskRecords, useTransferTask } from './taskApi';

// A closed Select's options leave the DOM, so its label names only the input (Mantine keeps them by default).
const CLOSED_UNMOUNTED = { keepMounted: false } as const;

/** The task opened from the list, in a drawer on the right (full width on a phone). */
export function TaskDrawer({ taskId, onClose }: { taskId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 40em)');
  // Keep the last task while the drawer slides out.
  const [lastId, setLastId] = useState(taskId);
  if (taskId !== null && taskId !== lastId) setLastId(taskId);
  const shownId = taskId ?? lastId;
  return (
    <Drawer
      opened={taskId !== null}
      onClose={onClose}
      position="right"
      size={narrow ? '100%' : 'xl'}
      title={shownId ? <TaskDrawerTitle id={shownId} /> : null}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {shownId && <TaskDetails key={shownId} id={shownId} />}
    </Drawer>
  );
}

function TaskDrawerTitle({ id }: { id: string }) {
  const { t } = useTranslation();
  const task = useTask(id);
  if (task.data)
    return (
      <Text component="span" fw={700} size="lg">
        {task.data.title}
      </Text>
    );
  return <span>{task.isPending ? t('tasks.drawer.loading') : t('tasks.title')}</span>;
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <div>{children}</div>
    </div>
  );
}

/** A titled part of the drawer, named by its heading. */
function DrawerSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <Title order={3} size="h5" id={id} mb="xs">
        {title}
      </Title>
      {children}
    </section>
  );
}

function TaskDetails({ id }: { id: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const names = useNames();
  const query = useTask(id);

  if (query.isPending)
    return (
      <Stack gap="sm" aria-busy="true" aria-label={t('tasks.drawer.loading')}>
        <Skeleton height={24} width="40%" />
        <Skeleton height={80} />
        <LoadingSkeleton rows={4} />
      </Stack>
    );
  if (query.isError && !query.data) {
    if (query.error instanceof ApiError && query.error.status === 404)
      return (
        <Alert color="gray" role="alert">
          {t('tasks.drawer.notFound')}
        </Alert>
      );
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  const task = query.data;
  const when = (iso: string | null) =>
    iso ? formatDateTime(iso, session.locale, session.timeZone) : t('common.none');

  return (
    <Stack gap="lg">
      <Group gap="sm">
        <Anchor component={Link} to={`/cases/${task.caseId}`} fw={600}>
          {t('tasks.drawer.caseLink', { no: task.caseNo })}
        </Anchor>
        <TaskStatusBadge status={task.status} />
        <PriorityBadge priority={task.priority} />
      </Group>

      <DrawerSection id={`task-${task.id}-details`} title={t('tasks.drawer.details')}>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="sm">
          <Field label={t('tasks.drawer.owner')}>{taskOwnerLabel(task, names, t)}</Field>
          <Field label={t('tasks.drawer.ou')}>
            {task.ouId ? (names.ou(task.ouId) ?? '…') : t('common.none')}
          </Field>
          <Field label={t('tasks.drawer.creator')}>
            {names.user(task.creatorId) ?? t('common.unknownUser')}
          </Field>
          <Field label={t('tasks.drawer.created')}>{when(task.createdAt)}</Field>
          <Field label={t('tasks.drawer.due')}>
            <DueCountdown dueAt={task.dueAt} running={task.status !== 'completed'} />
          </Field>
          {task.completedAt && <Field label={t('tasks.drawer.completed')}>{when(task.completedAt)}</Field>}
        </SimpleGrid>
      </DrawerSection>

      <DrawerSection id={`task-${task.id}-description`} title={t('tasks.drawer.description')}>
        {task.description.trim() ? (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {task.description}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {t('tasks.drawer.noDescription')}
          </Text>
        )}
      </DrawerSection>

      <Divider />
      <DrawerSection id={`task-${task.id}-work`} title={t('tasks.drawer.work')}>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <StatusControl task={task} />
          <TransferControl task={task} />
        </SimpleGrid>
      </DrawerSection>

      <Divider />
      <TaskRecords task={task} />
    </Stack>
  );
}

/** The refusal in words: a lost race says so; anything else is the server's own sentence. */
function TaskWriteError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const text =
    error instanceof ApiError && error.code === 'version_conflict'
      ? t('tasks.drawer.versionConflict')
      : errorMessage(error, t('common.networkError'));
  return (
    <Alert color="red" role="alert" p="xs" title={t('tasks.drawer.actionFailed')}>
      <Text size="sm">{text}</Text>
    </Alert>
  );
}

function StatusControl({ task }: { task: Task }) {
  const { t } = useTranslation();
  const change = useChangeTaskStatus(task.id);
  const allowed = task.abilities.changeStatus;
  return (
    <Stack gap={4}>
      <Select
        comboboxProps={CLOSED_UNMOUNTED}
        label={t('tasks.drawer.status')}
        value={change.isPending ? (change.variables.status ?? task.status) : task.status}
        allowDeselect={false}
        disabled={!allowed || change.isPending}
        description={allowed ? undefined : t('tasks.drawer.statusNotAllowed')}
        data={TASK_STATUSES.map((status) => ({ value: status, label: t(`enums.taskStatus.${status}`) }))}
        onChange={(value) => {
          const status = value;
          if (!status || status === task.status) return;
          change.mutate(
            { status },
            {
              onSuccess: (updated) =>
                notifications.show({
                  color: 'green',
                  message: t('tasks.drawer.statusChanged', {
                    status: t(`enums.taskStatus.${updated.status}`),
                  }),
                }),
            },
          );
        }}
      />
      {change.isError && <TaskWriteError error={change.error} />}
    </Stack>
  );
}

function TransferControl({ task }: { task: Task }) {
  const { t } = useTranslation();
  const users = useUsers();
  const names = useNames();
  const transfer = useTransferTask(task.id);
  const allowed = task.abilities.transfer;
  const options = useMemo(
    () =>
      (users.data ?? [])
        .filter((user) => !user.disabled && user.id !== task.ownerId)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((user) => {
          const ou = names.ou(user.ouId);
          return { value: user.id, label: ou ? `${user.name} (${ou})` : user.name };
        }),
    [users.data, task.ownerId, names],
  );
  return (
    <Stack gap={4}>
      <Select
        comboboxProps={CLOSED_UNMOUNTED}
        label={t('tasks.drawer.transferTo')}
        placeholder={t('tasks.drawer.transferPlaceholder')}
        searchable
        value={transfer.isPending ? transfer.variables.ownerId : null}
        disabled={!allowed || transfer.isPending || users.isPending}
        description={allowed ? undefined : t('tasks.drawer.transferNotAllowed')}
        nothingFoundMessage={t('nav.noSearchResults')}
        data={options}
        onChange={(value) => {
          if (!value) return;
          transfer.mutate(
            { ownerId: value },
            {
              onSuccess: (updated) =>
                notifications.show({
                  color: 'green',
                  message: t('tasks.drawer.transferred', {
                    name: names.user(updated.ownerId) ?? t('common.unknownUser'),
                  }),
                }),
            },
          );
        }}
      />
      {transfer.isError && <TaskWriteError error={transfer.error} />}
    </Stack>
  );
}

function TaskRecords({ task }: { task: Task }) {
  const { t } = useTranslation();
  const session = useSession();
  const names = useNames();
  const records = useTaskRecords(task.id);

  const list = (
    <PagedState
      query={records}
      skeletonRows={3}
      loadError={t('tasks.drawer.recordsError')}
      empty={
        <Text size="sm" c="dimmed">
          {t('tasks.drawer.noRecords')}
        </Text>
      }
    >
      {(items) => (
        <Stack gap="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((record) => (
            <Paper component="li" key={record.id} withBorder p="sm" data-record-id={record.id}>
              <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                {record.title}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {record.body}
              </Text>
              <Text size="xs" c="dimmed" mt={4}>
                {t('tasks.drawer.byAt', {
                  name: names.user(record.authorId) ?? t('common.unknownUser'),
                  time: formatDateTime(record.createdAt, session.locale, session.timeZone),
                })}
              </Text>
            </Paper>
          ))}
          <LoadMoreButton query={records} size="xs" />
        </Stack>
      )}
    </PagedState>
  );

  return (
    <DrawerSection id={`task-${task.id}-records`} title={t('tasks.drawer.records')}>
      <Stack gap="md">
        {list}
        {task.abilities.addRecord ? (
          <RecordForm taskId={task.id} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('tasks.drawer.recordNotAllowed')}
          </Text>
        )}
      </Stack>
    </DrawerSection>
  );
}

function RecordForm({ taskId }: { taskId: string }) {
  const { t } = useTranslation();
  const add = useAddTaskRecord(taskId);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<{ title?: string; body?: string }>({});
  // One key per text: a retry of the same record is recognised by the server, an edited one is new.
  const key = useRef<string | null>(null);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: typeof errors = {};
    if (!title.trim()) next.title = t('tasks.drawer.recordTitleRequired');
    if (!body.trim()) next.body = t('tasks.drawer.recordBodyRequired');
    setErrors(next);
    if (next.title || next.body) return;
    key.current ??= newIdempotencyKey();
    add.mutate(
      { title: title.trim(), body, key: key.current },
      {
        onSuccess: () => {
          setTitle('');
          setBody('');
          key.current = null;
          notifications.show({ color: 'green', message: t('tasks.drawer.recordAdded') });
        },
      },
    );
  };

  const fieldError = (field: string) =>
    add.error instanceof ApiError
      ? add.error.fieldErrors.find((item) => item.field === field)?.message
      : undefined;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          label={t('tasks.drawer.recordTitle')}
          value={title}
          maxLength={TASK_LIMITS.recordTitleMax}
          required
          withAsterisk={false}
          error={errors.title ?? fieldError('title')}
          onChange={(event) => {
            setTitle(event.currentTarget.value);
            key.current = null;
          }}
        />
        <Textarea
          label={t('tasks.drawer.recordBody')}
          value={body}
          autosize
          minRows={3}
          maxRows={12}
          maxLength={TASK_LIMITS.recordBodyMax}
          required
          withAsterisk={false}
          error={errors.body ?? fieldError('body')}
          onChange={(event) => {
            setBody(event.currentTarget.value);
            key.current = null;
          }}
        />
        {add.isError && (
          <Alert color="red" role="alert" p="xs" title={t('tasks.drawer.actionFailed')}>
            <Text size="sm">{errorMessage(add.error, t('common.networkError'))}</Text>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={add.isPending}>
            {t('tasks.drawer.addRecord')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
