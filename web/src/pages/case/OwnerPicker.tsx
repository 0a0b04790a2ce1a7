import { Select, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useQueues, useUsers } from '../../api/directory';

/** The picker's value: "user:<id>" or "queue:<id>". */
export type AssigneeValue = `user:${string}` | `queue:${string}`;

export function parseAssignee(value: string | null): { ownerId: string } | { queueId: string } | null {
  if (!value) return null;
  if (value.startsWith('user:')) return { ownerId: value.slice(5) };
  if (value.startsWith('queue:')) return { queueId: value.slice(6) };
  return null;
}

type PickerProps = Omit<SelectProps, 'data' | 'searchable' | 'value' | 'onChange'> & {
  value: string | null;
  onChange: (value: string | null) => void;
};

/** The directory picker's common behaviour: searched by typing, clearable, disabled while loading. */
function DirectorySelect({ loading, ...props }: SelectProps & { loading: boolean }) {
  const { t } = useTranslation();
  return (
    <Select
      {...props}
      searchable
      clearable
      openOnFocus={false}
      nothingFoundMessage={t('caseDetails.dialog.nobody')}
      disabled={props.disabled || loading}
    />
  );
}

/** An agent or a queue, grouped "Agents" / "Queues" (the transfer dialog). */
export function AssigneePicker({ value, onChange, ...props }: PickerProps) {
  const { t } = useTranslation();
  const users = useUsers();
  const queues = useQueues();
  const data = [
    {
      group: t('caseDetails.dialog.agents'),
      items: (users.data ?? [])
        .filter((user) => !user.disabled)
        .map((user) => ({ value: `user:${user.id}`, label: user.name })),
    },
    {
      group: t('caseDetails.dialog.queues'),
      items: (queues.data ?? []).map((queue) => ({ value: `queue:${queue.id}`, label: queue.name })),
    },
  ];
  return (
    <DirectorySelect
      {...props}
      data={data}
      value={value}
      onChange={onChange}
      loading={users.isPending || queues.isPending}
      comboboxProps={{ withinPortal: true, ...props.comboboxProps }}
    />
  );
}

/** A user only (task owners). */
export function UserPicker({ value, onChange, ...props }: PickerProps) {
  const users = useUsers();
  const data = (users.data ?? [])
    .filter((user) => !user.disabled || user.id === value)
    .map((user) => ({ value: user.id, label: user.name }));
  return (
    <DirectorySelect {...props} data={data} value={value} onChange={onChange} loading={users.isPending} />
  );
}
