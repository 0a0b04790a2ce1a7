import { Button, Group, Stack, Table, Text, type ButtonProps, type TableProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../api/types';
import { ErrorState, LoadingSkeleton } from './PageState';

/** What these pieces read of a cursor-paged infinite query (TanStack's `useInfiniteQuery` result). */
export interface PagedQuery<T> {
  data: { pages: Page<T>[] } | undefined;
  error: unknown;
  isPending: boolean;
  isError: boolean;
  isFetchNextPageError: boolean;
  isFetchingNextPage: boolean;
  hasNextPage: boolean;
  refetch: () => Promise<unknown>;
  fetchNextPage: () => Promise<unknown>;
}

type NextPageQuery = Pick<PagedQuery<unknown>, 'hasNextPage' | 'isFetchingNextPage' | 'fetchNextPage'>;

/** "Load more" while the query has a next page (nothing otherwise); the label can be the caller's. */
export function LoadMoreButton({
  query,
  children,
  variant = 'default',
  ...props
}: ButtonProps & { query: NextPageQuery; children?: ReactNode }) {
  const { t } = useTranslation();
  if (!query.hasNextPage) return null;
  return (
    <Button
      {...props}
      variant={variant}
      loading={query.isFetchingNextPage}
      onClick={() => void query.fetchNextPage()}
    >
      {children ?? t('common.loadMore')}
    </Button>
  );
}

/**
 * The states of a paged list: skeleton lines while the first page loads, the failure in words
 * with a retry when there is nothing to show, the empty state, else the items so far.
 */
export function PagedState<T>({
  query,
  skeletonRows,
  loadError,
  empty,
  children,
}: {
  query: PagedQuery<T>;
  skeletonRows: number;
  /** Said above the error when the first page fails. */
  loadError: string;
  empty: ReactNode;
  children: (items: T[]) => ReactNode;
}) {
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  if (query.isPending) return <LoadingSkeleton rows={skeletonRows} />;
  if (query.isError && !query.data)
    return (
      <Stack gap="xs">
        <Text size="sm">{loadError}</Text>
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </Stack>
    );
  if (items.length === 0) return <>{empty}</>;
  return <>{children(items)}</>;
}

/**
 * A paged table: the states of {@link PagedState}, then the table with one header cell per column
 * and a row per item, and under it "N of M shown" (when `summary` is given) with "Load more", and
 * the failure of a next page with a retry.
 */
export function PagedTable<T>({
  query,
  skeletonRows,
  loadError,
  empty,
  minWidth,
  label,
  tableProps,
  columns,
  summary,
  children: row,
}: {
  query: PagedQuery<T>;
  skeletonRows: number;
  loadError: string;
  empty: ReactNode;
  minWidth: number;
  /** The table's accessible name. */
  label: string;
  tableProps?: Omit<TableProps, 'aria-label' | 'children'>;
  columns: readonly string[];
  /** The count line beside "Load more": items shown, the total (a lower bound when capped). */
  summary?: (shown: number, total: number, capped: boolean) => ReactNode;
  children: (item: T) => ReactNode;
}) {
  return (
    <PagedState query={query} skeletonRows={skeletonRows} loadError={loadError} empty={empty}>
      {(items) => {
        const first = query.data?.pages[0];
        return (
          <Stack gap="sm">
            <Table.ScrollContainer minWidth={minWidth}>
              <Table highlightOnHover verticalSpacing="sm" aria-label={label} {...tableProps}>
                <Table.Thead>
                  <Table.Tr>
                    {columns.map((column, index) => (
                      <Table.Th key={index}>{column}</Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>{items.map(row)}</Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {summary ? (
              <Group justify="space-between" wrap="wrap">
                <Text size="sm" c="dimmed" aria-live="polite">
                  {summary(items.length, first?.total ?? items.length, first?.totalCapped === true)}
                </Text>
                <LoadMoreButton query={query} />
              </Group>
            ) : (
              query.hasNextPage && (
                <Group>
                  <LoadMoreButton query={query} />
                </Group>
              )
            )}
            {query.isFetchNextPageError && (
              <ErrorState error={query.error} onRetry={() => void query.fetchNextPage()} />
            )}
          </Stack>
        );
      }}
    </PagedState>
  );
}
