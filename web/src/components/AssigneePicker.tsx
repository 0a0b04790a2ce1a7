import { Select, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueues, useUsers } from '../api/directory';

/** An owner of a case: an agent or a queue (API.md `ownerId | queueId`). */
export type Assignee = { ownerId: string } | { queueId: string };

const USER = 'user:';
const QUEUE = 'queue:';

function encode(value: Assignee | null): string | null {
  if (!value) return null;
  return 'ownerId' in value ? `${USER}${value.ownerId}` : `${QUEUE}${value.queueId}`;
}

function decode(value: string | null): Assignee | null {
  if (!value) return null;
  if (value.startsWith(USER)) return { ownerId: value.slice(USER.length) };
  if (value.startsWith(QUEUE)) return { queueId: value.slice(QUEUE.length) };
  return null;
}

export interface AssigneePickerProps extends Omit<
  SelectProps,
  'data' | 'value' | 'defaultValue' | 'onChange' | 'searchable'
> {
  value: Assignee | null;
  onChange: (value: Assignee | null) => void;
  /** Offer queues as well as agents (default true). */
  withQueues?: boolean;
  /** Agents not to offer (for example the current owner on a transfer). */
  excludeUserIds?: readonly string[];
}

/**
 * One picker for "who owns it": the tenant's enabled agents and its queues, in two groups, with
 * search. The value is `{ownerId}` or `{queueId}`, as the API takes it.
 */
export function AssigneePicker({
  value,
  onChange,
  withQueues = true,
  excludeUserIds,
  label,
  placeholder,
  nothingFoundMessage,
  ...rest
}: AssigneePickerProps) {
  const { t, i18n } = useTranslation();
  const users = useUsers();
  const queues = useQueues();
  const data = useMemo(() => {
    const collator = new Intl.Collator(i18n.language);
    const excluded = new Set(excludeUserIds ?? []);
    const agents = (users.data ?? [])
      .filter((user) => !user.disabled && !excluded.has(user.id))
      .sort((a, b) => collator.compare(a.name, b.name))
      .map((user) => ({ value: `${USER}${user.id}`, label: user.name }));
    const groups = [{ group: t('workbench.assignee.agents'), items: agents }];
    if (withQueues) {
      const queueItems = [...(queues.data ?? [])]
        .sort((a, b) => collator.compare(a.name, b.name))
        .map((queue) => ({ value: `${QUEUE}${queue.id}`, label: queue.name }));
      groups.push({ group: t('workbench.assignee.queues'), items: queueItems });
    }
    return groups.filter((group) => group.items.length > 0);
  }, [users.data, queues.data, withQueues, excludeUserIds, t, i18n.language]);

  return (
    <Select
      {...rest}
      label={label ?? t('workbench.assignee.label')}
      placeholder={placeholder ?? t('workbench.assignee.placeholder')}
      nothingFoundMessage={nothingFoundMessage ?? t('workbench.assignee.nothingFound')}
      data={data}
      value={encode(value)}
      onChange={(next) => onChange(decode(next))}
      searchable
    />
  );
}
