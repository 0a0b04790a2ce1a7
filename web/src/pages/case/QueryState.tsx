import type { ReactNode } from 'react';
import { ErrorState, LoadingSkeleton } from '../../components/PageState';

/**
 * The states of a list or panel of the case page: skeleton lines while it loads, the failure with a
 * retry, `empty` when there is nothing to show (`isEmpty`, read once loaded), else the content.
 */
export function QueryState<T>({
  query,
  skeletonRows,
  isEmpty,
  empty,
  children,
}: {
  query: {
    data: T | undefined;
    error: unknown;
    isPending: boolean;
    isError: boolean;
    refetch: () => Promise<unknown>;
  };
  skeletonRows: number;
  isEmpty: boolean;
  empty: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <LoadingSkeleton rows={skeletonRows} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  // Neither pending nor failed: the data is there.
  if (query.data === undefined) return null;
  return <>{isEmpty ? empty : children(query.data)}</>;
}
