import { ActionIcon, Group, Paper, Stack } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** The list with the item at `index` swapped with its neighbour; null when there is none that way. */
export function moved<T>(list: readonly T[], index: number, by: -1 | 1): T[] | null {
  const a = list[index];
  const b = list[index + by];
  if (a === undefined || b === undefined) return null;
  const next = [...list];
  next[index] = b;
  next[index + by] = a;
  return next;
}

/**
 * "Move up", "Move down" and "Remove" for an item of an ordered list (statuses, custom fields,
 * assignment items). The first cannot move up, the last not down.
 */
export function OrderButtons({
  index,
  count,
  onMove,
  onRemove,
  labels,
  describedBy,
}: {
  index: number;
  count: number;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
  /** The buttons' accessible names, which say which item they act on. */
  labels: { up: string; down: string; remove: string };
  /** An element naming the item, when the labels do not. */
  describedBy?: string;
}) {
  return (
    <Group gap={4} wrap="nowrap">
      <ActionIcon
        variant="subtle"
        aria-label={labels.up}
        aria-describedby={describedBy}
        disabled={index === 0}
        onClick={() => onMove(-1)}
      >
        <IconArrowUp size={18} aria-hidden />
      </ActionIcon>
      <ActionIcon
        variant="subtle"
        aria-label={labels.down}
        aria-describedby={describedBy}
        disabled={index === count - 1}
        onClick={() => onMove(1)}
      >
        <IconArrowDown size={18} aria-hidden />
      </ActionIcon>
      <ActionIcon
        variant="subtle"
        color="red"
        aria-label={labels.remove}
        aria-describedby={describedBy}
        onClick={onRemove}
      >
        <IconTrash size={18} aria-hidden />
      </ActionIcon>
    </Group>
  );
}

/**
 * One item of an ordered list edited as a card (a custom field, an assignment item): a section
 * named `label`, its title with the order buttons beside it, then its inputs.
 */
export function ItemCard({
  label,
  title,
  controls,
  children,
}: {
  label: string;
  title: ReactNode;
  controls: ReactNode;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="sm" component="section" aria-label={label}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          {title}
          {controls}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}
