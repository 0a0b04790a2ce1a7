import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { GENDERS } from '../../../../contract/constants';
import { apiRequest } from '../../api/client';
import { queryKeys } from '../../api/keys';
import type { CaseListItem, Customer, Page } from '../../api/types';

export type Gender = (typeof GENDERS)[number];

/** What the customer form sends: every field present, `null` for one left empty (clears it on PATCH). */
export interface CustomerBody {
  name: string;
  gender: Gender | null;
  phones: string[];
  email: string | null;
  company: string | null;
  address: string | null;
  remark: string | null;
  ouId: string | null;
}

const PAGE_SIZE = 25;

export const customerKeys = {
  // Lists start with ['customers']; one customer is ['customer', id].
  list: (q: string | null) => [...queryKeys.customers, 'list', { q }] as const,
  detail: (id: string) => queryKeys.customer(id),
  // A customer's cases are a case list: they start with ['cases'], so live events refresh them.
  cases: (id: string) => [...queryKeys.caseLists, 'customer', id] as const,
};

export function useCustomerList(q: string | null) {
  return useInfiniteQuery({
    queryKey: customerKeys.list(q),
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<Customer>>('/api/v1/customers', {
        query: { q, limit: PAGE_SIZE, cursor: pageParam },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (previous) => previous,
  });
}

export function useCustomer(id: string) {
  return useQuery({
    queryKey: customerKeys.detail(id),
    queryFn: ({ signal }) => apiRequest<Customer>(`/api/v1/customers/${encodeURIComponent(id)}`, { signal }),
  });
}

export function useCustomerCases(id: string) {
  return useInfiniteQuery({
    queryKey: customerKeys.cases(id),
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<CaseListItem>>(`/api/v1/customers/${encodeURIComponent(id)}/cases`, {
        query: { limit: PAGE_SIZE, cursor: pageParam },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useCreateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: CustomerBody; key: string }) =>
      apiRequest<Customer>('/api/v1/customers', {
        method: 'POST',
        body,
        headers: { 'idempotency-key': key },
      }),
    onSuccess: (customer) => {
      queryClient.setQueryData(customerKeys.detail(customer.id), customer);
      void queryClient.invalidateQueries({ queryKey: queryKeys.customers });
    },
  });
}

export function useUpdateCustomer(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CustomerBody) =>
      apiRequest<Customer>(`/api/v1/customers/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: (customer) => {
      queryClient.setQueryData(customerKeys.detail(id), customer);
      void queryClient.invalidateQueries({ queryKey: queryKeys.customers });
    },
  });
}

export function useDeleteCustomer(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiRequest<undefined>(`/api/v1/customers/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => {
      // The page leaves first; forgetting the customer is the caller's last step (no refetch of a 404).
      void queryClient.invalidateQueries({ queryKey: queryKeys.customers });
    },
  });
}
