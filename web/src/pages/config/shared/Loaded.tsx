import type { ReactNode } from 'react';
import { EmptyState, ErrorState, LoadingSkeleton } from '../../../components/PageState';

/** What a page needs of a query (or of several read together) to show its loading states. */
export interface LoadingQuery<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
  refetch: () => Promise<unknown>;
}

/** When there is nothing to show (`when`), the message says so instead. */
export interface EmptyCase<T> {
  when: (data: T) => boolean;
  message: string;
}

/**
 * A page's data once it is there: a skeleton while the first answer is awaited, the failure with a
 * retry, the empty message, or what `children` makes of the data.
 */
export function Loaded<T>({
  query,
  skeletonRows,
  empty,
  children,
}: {
  query: LoadingQuery<T>;
  skeletonRows?: number;
  empty?: EmptyCase<T>;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <LoadingSkeleton rows={skeletonRows} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  // Neither pending nor failed means the data is there; this only satisfies the type.
  if (query.data === undefined) return <LoadingSkeleton rows={skeletonRows} />;
  if (empty?.when(query.data)) return <EmptyState message={empty.message} />;
  return children(query.data);
}
