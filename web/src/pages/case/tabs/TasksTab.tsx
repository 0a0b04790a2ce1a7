import {
  Badge,
  Button,
  Collapse,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIORITIES, TASK_LIMITS, TASK_STATUSES } from '../../../../../contract/constants';
import { useNames, useOus } from '../../../api/directory';
import type { Case, Priority, Task } from '../../../api/types';
import { useSession } from '../../../auth/session';
import { PriorityBadge } from '../../../components/Badges';
import { DueCountdown } from '../../../components/DueCountdown';
import { EmptyState } from '../../../components/PageState';
import { formatDateTime } from '../../../i18n/format';
import {
  useAddTaskRecord,
  useCreateTask,
  useTaskRecords,
  useTasks,
  useTaskStatus,
  useTransferTask,
} from '../api';
import { CaseDialog, DialogActions, useRequiredField } from '../CaseDialog';
import { fromPickerValue, nowInZone } from '../dates';
import { UserPicker } from '../OwnerPicker';
import { QueryState } from '../QueryState';
import { AuthorAndTime, ProseText } from '../RecordText';
import { RemarkField } from '../RemarkField';
import { ServerError } from '../ServerError';

const STATUS_COLORS: Record<Task['status'], string> = {
  pending: 'gray',
  processing: 'blue',
  completed: 'green',
};

/** Case Task: the case's tasks, "New task", and per task its status, transfer and handling records. */
export function TasksTab({ caseData }: { caseData: Case }) {
  const { t } = useTranslation();
  const tasks = useTasks(caseData.id);
  const [creating, setCreating] = useState(false);
  const canCreate = caseData.abilities.createTask;
  const items = tasks.data?.items ?? [];
  return (
    <Stack gap="md">
      {canCreate && (
        <Group justify="flex-end">
          <Button onClick={() => setCreating(true)}>{t('caseDetails.tasks.newTask')}</Button>
        </Group>
      )}
      <QueryState
        query={tasks}
        skeletonRows={3}
        isEmpty={items.length === 0}
        empty={
          <EmptyState
            message={canCreate ? t('caseDetails.tasks.emptyCanCreate') : t('caseDetails.tasks.empty')}
          />
        }
      >
        {() => (
          <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {items.map((task) => (
              <TaskCard key={task.id} caseId={caseData.id} task={task} />
            ))}
          </Stack>
        )}
      </QueryState>
      <CaseDialog
        opened={creating}
        onClose={() => setCreating(false)}
        title={t('caseDetails.tasks.newTask')}
        size="lg"
      >
        {creating && <NewTaskForm caseId={caseData.id} onClose={() => setCreating(false)} />}
      </CaseDialog>
    </Stack>
  );
}

function NewTaskForm({ caseId, onClose }: { caseId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const ous = useOus();
  const mutation = useCreateTask(caseId);
  const requiredField = useRequiredField();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [ouId, setOuId] = useState<string | null>(null);
  const [priority, setPriority] = useState<Priority>('medium');
  const [due, setDue] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const titleMissing = title.trim().length === 0;
  const assigneeMissing = ownerId === null && ouId === null;

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    setTouched(true);
    if (titleMissing || assigneeMissing) return;
    const dueAt = fromPickerValue(due, session.timeZone);
    mutation.mutate(
      {
        title: title.trim(),
        description,
        priority,
        ...(ownerId ? { ownerId } : {}),
        ...(ouId ? { ouId } : {}),
        ...(dueAt ? { dueAt } : {}),
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('caseDetails.tasks.created') });
          onClose();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t('caseDetails.tasks.title')}
          value={title}
          onChange={(event) => setTitle(event.currentTarget.value)}
          maxLength={TASK_LIMITS.titleMax}
          {...requiredField}
          error={touched && titleMissing ? t('caseDetails.tasks.required') : undefined}
          data-autofocus
        />
        <Textarea
          label={t('caseDetails.tasks.description')}
          value={description}
          onChange={(event) => setDescription(event.currentTarget.value)}
          maxLength={TASK_LIMITS.descriptionMax}
          autosize
          minRows={3}
          maxRows={10}
        />
        <Group grow align="flex-start" wrap="wrap">
          <UserPicker
            label={t('caseDetails.tasks.owner')}
            placeholder={t('caseDetails.tasks.ownerPlaceholder')}
            value={ownerId}
            onChange={setOwnerId}
            error={touched && assigneeMissing ? t('caseDetails.tasks.ownerOrOu') : undefined}
            miw={200}
          />
          <Select
            label={t('caseDetails.tasks.ou')}
            placeholder={t('caseDetails.tasks.ouPlaceholder')}
            data={(ous.data ?? []).map((ou) => ({ value: ou.id, label: ou.name }))}
            value={ouId}
            onChange={setOuId}
            searchable
            clearable
            miw={200}
          />
        </Group>
        <Group grow align="flex-start" wrap="wrap">
          <Select
            label={t('caseDetails.tasks.priority')}
            data={PRIORITIES.map((value) => ({ value, label: t(`enums.priority.${value}`) }))}
            value={priority}
            onChange={(value) => {
              if (value) setPriority(value);
            }}
            allowDeselect={false}
            miw={160}
          />
          <DateTimePicker
            label={t('caseDetails.tasks.dueAt')}
            value={due}
            onChange={setDue}
            clearable
            minDate={nowInZone(session.timeZone)}
            valueFormat="YYYY-MM-DD HH:mm"
            miw={200}
          />
        </Group>
        <ServerError error={mutation.error} />
        <DialogActions
          onBack={onClose}
          confirmLabel={t('caseDetails.tasks.create')}
          pending={mutation.isPending}
        />
      </Stack>
    </form>
  );
}

function TaskCard({ caseId, task }: { caseId: string; task: Task }) {
  const { t } = useTranslation();
  const session = useSession();
  const names = useNames();
  const status = useTaskStatus(caseId);
  const [transferring, setTransferring] = useState(false);
  const [recordsOpen, records] = useDisclosure(false);
  const headingId = `task-${task.id}-title`;
  const panelId = `task-${task.id}-records`;
  return (
    <Paper component="li" withBorder p="md" radius="md" aria-labelledby={headingId} data-task-id={task.id}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Stack gap={4} style={{ flex: 1, minWidth: 200 }}>
            <Title order={3} size="h5" id={headingId} style={{ overflowWrap: 'anywhere' }}>
              {task.title}
            </Title>
            <Group gap="xs" wrap="wrap">
              <Badge color={STATUS_COLORS[task.status]} variant="light">
                {t(`enums.taskStatus.${task.status}`)}
              </Badge>
              <PriorityBadge priority={task.priority} />
              <Text size="sm">
                {t('caseDetails.tasks.owner')}:{' '}
                {task.ownerId
                  ? (names.user(task.ownerId) ?? t('common.unknownUser'))
                  : t('caseDetails.tasks.noOwner')}
              </Text>
              {task.ouId && (
                <Text size="sm">
                  {t('caseDetails.tasks.ou')}: {names.ou(task.ouId) ?? task.ouId}
                </Text>
              )}
              {task.dueAt && (
                <Group gap={4} wrap="nowrap">
                  <Text size="sm">{t('caseDetails.tasks.due')}:</Text>
                  <DueCountdown dueAt={task.dueAt} running={task.status !== 'completed'} />
                </Group>
              )}
            </Group>
          </Stack>
          <Group gap="xs" wrap="wrap" align="flex-end">
            <Select
              label={t('caseDetails.tasks.status')}
              data={TASK_STATUSES.map((value) => ({ value, label: t(`enums.taskStatus.${value}`) }))}
              value={task.status}
              onChange={(value) => {
                if (value && value !== task.status) status.mutate({ taskId: task.id, status: value });
              }}
              allowDeselect={false}
              disabled={!task.abilities.changeStatus || status.isPending}
              w={160}
              size="xs"
            />
            <Button
              size="xs"
              variant="default"
              onClick={() => setTransferring(true)}
              disabled={!task.abilities.transfer}
            >
              {t('caseDetails.tasks.transfer')}
            </Button>
          </Group>
        </Group>
        {task.description && <ProseText>{task.description}</ProseText>}
        <Text size="xs" c="dimmed">
          {t('caseDetails.tasks.createdBy', {
            name: names.user(task.creatorId) ?? t('common.unknownUser'),
            time: formatDateTime(task.createdAt, session.locale, session.timeZone),
          })}
        </Text>
        <ServerError error={status.error} />
        <div>
          <Button
            size="xs"
            variant="subtle"
            onClick={records.toggle}
            aria-expanded={recordsOpen}
            aria-controls={panelId}
          >
            {recordsOpen ? t('caseDetails.tasks.hideRecords') : t('caseDetails.tasks.showRecords')}
          </Button>
          <Collapse expanded={recordsOpen} id={panelId}>
            {recordsOpen && <TaskRecords caseId={caseId} task={task} />}
          </Collapse>
        </div>
      </Stack>
      <CaseDialog
        opened={transferring}
        onClose={() => setTransferring(false)}
        title={t('caseDetails.tasks.transferTitle', { title: task.title })}
      >
        {transferring && (
          <TransferTaskForm caseId={caseId} task={task} onClose={() => setTransferring(false)} />
        )}
      </CaseDialog>
    </Paper>
  );
}

function TransferTaskForm({ caseId, task, onClose }: { caseId: string; task: Task; onClose: () => void }) {
  const { t } = useTranslation();
  const mutation = useTransferTask(caseId);
  const requiredField = useRequiredField();
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [remark, setRemark] = useState('');
  const [touched, setTouched] = useState(false);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!ownerId) return;
    mutation.mutate(
      { taskId: task.id, ownerId, ...(remark.trim() ? { remark } : {}) },
      { onSuccess: onClose },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <UserPicker
          label={t('caseDetails.tasks.transferTo')}
          placeholder={t('caseDetails.tasks.ownerPlaceholder')}
          value={ownerId}
          onChange={setOwnerId}
          {...requiredField}
          error={touched && !ownerId ? t('caseDetails.tasks.required') : undefined}
          data-autofocus
        />
        <RemarkField value={remark} onChange={setRemark} />
        <ServerError error={mutation.error} />
        <DialogActions
          onBack={onClose}
          confirmLabel={t('caseDetails.tasks.transfer')}
          pending={mutation.isPending}
        />
      </Stack>
    </form>
  );
}

function TaskRecords({ caseId, task }: { caseId: string; task: Task }) {
  const { t } = useTranslation();
  const list = useTaskRecords(caseId, task.id, true);
  const mutation = useAddTaskRecord(caseId, task.id);
  const requiredField = useRequiredField();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [touched, setTouched] = useState(false);
  const missing = title.trim().length === 0 || body.trim().length === 0;
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    setTouched(true);
    if (missing) return;
    mutation.mutate(
      { title: title.trim(), body },
      {
        onSuccess: () => {
          setTitle('');
          setBody('');
          setTouched(false);
          notifications.show({ color: 'green', message: t('caseDetails.tasks.recordAdded') });
        },
      },
    );
  };
  const items = list.data?.items ?? [];
  return (
    <Stack gap="sm" pt="sm">
      <Text size="sm" fw={600}>
        {t('caseDetails.tasks.records')}
      </Text>
      <QueryState
        query={list}
        skeletonRows={2}
        isEmpty={items.length === 0}
        empty={
          <Text size="sm" c="dimmed">
            {t('caseDetails.tasks.recordsEmpty')}
          </Text>
        }
      >
        {() => (
          <Stack component="ol" gap="xs" m={0} pl="md">
            {items.map((record) => (
              <li key={record.id}>
                <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {record.title}
                </Text>
                <AuthorAndTime authorId={record.authorId} at={record.createdAt} />
                <ProseText>{record.body}</ProseText>
              </li>
            ))}
          </Stack>
        )}
      </QueryState>
      {task.abilities.addRecord && (
        <form onSubmit={submit} noValidate>
          <Stack gap="xs">
            <TextInput
              label={t('caseDetails.tasks.recordTitle')}
              value={title}
              onChange={(event) => setTitle(event.currentTarget.value)}
              maxLength={TASK_LIMITS.recordTitleMax}
              {...requiredField}
              error={touched && title.trim().length === 0 ? t('caseDetails.tasks.required') : undefined}
            />
            <Textarea
              label={t('caseDetails.tasks.record')}
              value={body}
              onChange={(event) => setBody(event.currentTarget.value)}
              maxLength={TASK_LIMITS.recordBodyMax}
              {...requiredField}
              autosize
              minRows={2}
              maxRows={8}
              error={touched && body.trim().length === 0 ? t('caseDetails.tasks.required') : undefined}
            />
            <ServerError error={mutation.error} />
            <Group justify="flex-end">
              <Button type="submit" size="xs" loading={mutation.isPending}>
                {t('caseDetails.tasks.addRecord')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
