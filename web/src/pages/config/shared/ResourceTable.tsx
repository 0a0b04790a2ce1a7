import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ActionsHead, ConfigTable, RowActions } from './PageParts';

/** A row of a list: the item and how deep it stands in a tree (0 in a flat list). */
export interface ListRow<T> {
  item: T;
  depth: number;
}

/** Rows in the order the server lists them. */
export function asListed<T>(items: readonly T[]): ListRow<T>[] {
  return items.map((item) => ({ item, depth: 0 }));
}

/** Rows sorted by name. */
export function byName<T extends { name: string }>(items: readonly T[]): ListRow<T>[] {
  return asListed([...items].sort((a, b) => a.name.localeCompare(b.name)));
}

/** The first cell of a row: the item's name, indented by its depth in a tree. */
export function NameCell({ name, depth, dimmed }: { name: string; depth?: number; dimmed?: boolean }) {
  return (
    <Table.Td>
      <Text
        size="sm"
        fw={500}
        pl={depth === undefined ? undefined : depth * 16}
        c={dimmed ? 'dimmed' : undefined}
      >
        {name}
      </Text>
    </Table.Td>
  );
}

/**
 * The table of a list page: the columns, then the row actions. With `onEdit` a click anywhere on a
 * row opens the editor too (the Edit button is the way for keyboards and screen readers).
 */
export function ResourceTable<T extends { id: string; name: string }>({
  caption,
  minWidth,
  head,
  rows,
  cells,
  onEdit,
  onDelete,
  actions,
}: {
  caption: string;
  minWidth?: number;
  /** The column heads; the head of the actions column follows. */
  head: ReactNode;
  rows: readonly ListRow<T>[];
  cells: (item: T, depth: number) => ReactNode;
  onEdit?: (item: T) => void;
  onDelete?: (item: T) => void;
  /** Buttons before Edit and Delete (e.g. "Revoke"). */
  actions?: (item: T) => ReactNode;
}) {
  return (
    <ConfigTable
      caption={caption}
      minWidth={minWidth}
      head={
        <>
          {head}
          <ActionsHead />
        </>
      }
    >
      {rows.map(({ item, depth }) => (
        <Table.Tr
          key={item.id}
          onClick={onEdit && (() => onEdit(item))}
          style={onEdit && { cursor: 'pointer' }}
        >
          {cells(item, depth)}
          <RowActions
            name={item.name}
            onEdit={onEdit && (() => onEdit(item))}
            onDelete={onDelete && (() => onDelete(item))}
          >
            {actions?.(item)}
          </RowActions>
        </Table.Tr>
      ))}
    </ConfigTable>
  );
}
