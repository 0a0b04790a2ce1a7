import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
} from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../api/client';
import { queryKeys } from '../../api/keys';
import type { Case, CaseCounts, CaseListItem, Customer, Page } from '../../api/types';
import { errorMessage } from '../../components/PageState';

export type CaseListData = InfiniteData<Page<CaseListItem>, string | null>;

const LIST_PREFIX = ['cases', 'list'] as const;

/** One view of the workbench, page by page (cursor paging); live events refetch it (['cases', …]). */
export function useCaseList(query: Record<string, string | number>) {
  return useInfiniteQuery({
    queryKey: queryKeys.caseList(query),
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<CaseListItem>>('/api/v1/cases', {
        query: { ...query, cursor: pageParam ?? undefined },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // A change of filter keeps the old rows on screen (dimmed) until the new ones arrive.
    placeholderData: keepPreviousData,
  });
}

export function useCaseCounts() {
  return useQuery({
    queryKey: queryKeys.caseCounts,
    queryFn: () => apiRequest<CaseCounts>('/api/v1/cases/counts'),
  });
}

export function fetchCustomer(id: string, signal?: AbortSignal): Promise<Customer> {
  return apiRequest<Customer>(`/api/v1/customers/${encodeURIComponent(id)}`, { signal });
}

function withFollowed(data: CaseListData, id: string, followed: boolean): CaseListData {
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: page.items.map((item) => (item.id === id ? { ...item, followed } : item)),
    })),
  };
}

/** Follow or unfollow from the list, at once (optimistic), without opening the case. */
export function useFollow() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, follow }: { id: string; follow: boolean }) =>
      apiRequest<Case>(`/api/v1/cases/${encodeURIComponent(id)}/${follow ? 'follow' : 'unfollow'}`, {
        method: 'POST',
      }),
    onMutate: async ({ id, follow }) => {
      await queryClient.cancelQueries({ queryKey: LIST_PREFIX });
      const previous = queryClient.getQueriesData<CaseListData>({ queryKey: LIST_PREFIX });
      queryClient.setQueriesData<CaseListData>({ queryKey: LIST_PREFIX }, (data) =>
        data ? withFollowed(data, id, follow) : data,
      );
      return { previous };
    },
    onError: (error, _variables, context) => {
      for (const [key, data] of context?.previous ?? []) queryClient.setQueryData(key, data);
      notifications.show({
        color: 'red',
        title: t('workbench.row.followFailed'),
        message: errorMessage(error, t('common.networkError')),
      });
    },
    onSettled: (_data, _error, { id }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.caseLists });
      void queryClient.invalidateQueries({ queryKey: queryKeys.case(id) });
    },
  });
}
