import type { QueryKey } from '@tanstack/react-query';
import { Fragment, useState, type ReactNode } from 'react';
import { DeleteDialog, type DeleteTarget } from './DeleteDialog';
import { useEditor } from './hooks';
import { Loaded, type LoadingQuery } from './Loaded';
import { ConfigPage, NewButton } from './PageParts';
import { asListed, ResourceTable, type ListRow } from './ResourceTable';

/** What a list page gives its form dialog. */
export interface ResourceFormProps<T> {
  /** null: a new one. */
  item: T | null;
  opened: boolean;
  onClose: () => void;
}

/**
 * A configuration list page: heading with the "New …" button, the table (named by the page's
 * title) with Edit and Delete on every row, the form dialog for a new or the chosen item, and the
 * question before a deletion.
 */
export function ResourceListPage<T extends { id: string; name: string }>({
  title,
  description,
  newLabel,
  emptyMessage,
  query,
  order = asListed,
  minWidth,
  head,
  cells,
  deletePath,
  invalidate,
  form,
}: {
  title: string;
  description: string;
  newLabel: string;
  emptyMessage: string;
  query: LoadingQuery<readonly T[]>;
  /** The rows in the order shown (default: as the server lists them). */
  order?: (items: readonly T[]) => readonly ListRow<T>[];
  minWidth?: number;
  /** The column heads before the actions. */
  head: ReactNode;
  cells: (item: T, depth: number) => ReactNode;
  /** Where an item is deleted, e.g. /api/v1/queues/{id}. */
  deletePath: (item: T) => string;
  /** What shows the list and must be read again after a deletion. */
  invalidate: readonly QueryKey[];
  form: (props: ResourceFormProps<T>) => ReactNode;
}) {
  const editor = useEditor<T>();
  const [deleting, setDeleting] = useState<DeleteTarget | null>(null);
  return (
    <ConfigPage
      title={title}
      description={description}
      action={<NewButton label={newLabel} onClick={editor.openNew} />}
    >
      <Loaded query={query} empty={{ when: (items) => items.length === 0, message: emptyMessage }}>
        {(items) => (
          <ResourceTable
            caption={title}
            minWidth={minWidth}
            head={head}
            rows={order(items)}
            cells={cells}
            onEdit={editor.openEdit}
            onDelete={(item) => setDeleting({ path: deletePath(item), name: item.name })}
          />
        )}
      </Loaded>
      {/* Keyed by the opening, so that every opening starts with a fresh form; between openings it
          stays mounted (closed), so that focus goes back to what opened it. */}
      <Fragment key={editor.seq}>
        {form({ item: editor.item, opened: editor.opened, onClose: editor.close })}
      </Fragment>
      <DeleteDialog target={deleting} onClose={() => setDeleting(null)} invalidate={invalidate} />
    </ConfigPage>
  );
}
