import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { apiRequest } from './client';
import type { CaseType, Ou, Page, Queue, User } from './types';

// The tenant's people and structure, read once and shared by every page (names of owners, queues,
// types and OUs in lists, and the pickers). They change rarely; five minutes of staleness is fine,
// and configuration pages invalidate them when they save.

const STALE_MS = 5 * 60_000;

async function allUsers(): Promise<User[]> {
  const users: User[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<User> = await apiRequest<Page<User>>('/api/v1/users', {
      query: { limit: 100, cursor: cursor ?? undefined, includeDisabled: true },
    });
    users.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return users;
}

export const directoryKeys = {
  users: ['directory', 'users'] as const,
  queues: ['directory', 'queues'] as const,
  caseTypes: ['directory', 'caseTypes'] as const,
  ous: ['directory', 'ous'] as const,
};

export function useUsers() {
  return useQuery({ queryKey: directoryKeys.users, queryFn: allUsers, staleTime: STALE_MS });
}

export function useQueues() {
  return useQuery({
    queryKey: directoryKeys.queues,
    queryFn: async () => (await apiRequest<{ items: Queue[] }>('/api/v1/queues')).items,
    staleTime: STALE_MS,
  });
}

export function useCaseTypes() {
  return useQuery({
    queryKey: directoryKeys.caseTypes,
    queryFn: async () => (await apiRequest<{ items: CaseType[] }>('/api/v1/case-types')).items,
    staleTime: STALE_MS,
  });
}

export function useOus() {
  return useQuery({
    queryKey: directoryKeys.ous,
    queryFn: async () => (await apiRequest<Page<Ou>>('/api/v1/ous')).items,
    staleTime: STALE_MS,
  });
}

/** id → name lookups for lists; an unknown id (not loaded yet) gives null. */
export function useNames() {
  const users = useUsers().data;
  const queues = useQueues().data;
  const types = useCaseTypes().data;
  const ous = useOus().data;
  // Rebuilt only when a list changes, not on every render of a long table.
  return useMemo(() => {
    const lookup = (list: { id: string; name: string }[] | undefined) => {
      const names = new Map((list ?? []).map((item) => [item.id, item.name]));
      return (id: string | null | undefined) => (id ? (names.get(id) ?? null) : null);
    };
    return { user: lookup(users), queue: lookup(queues), caseType: lookup(types), ou: lookup(ous) };
  }, [users, queues, types, ous]);
}
