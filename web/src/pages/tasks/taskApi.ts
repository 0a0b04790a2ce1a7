import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TASK_STATUSES, TASK_VIEWS } from '../../../../contract/constants';
import { apiRequest } from '../../api/client';
import { queryKeys } from '../../api/keys';
import type { Page, Task, TaskRecord } from '../../api/types';

export type TaskView = (typeof TASK_VIEWS)[number];
export type TaskStatus = (typeof TASK_STATUSES)[number];

const PAGE_SIZE = 25;

// Every key starts with ['tasks'], so the live-event listener refreshes lists, details and records.
export const taskKeys = {
  list: (view: TaskView, status: TaskStatus | null) =>
    [...queryKeys.tasks, 'list', { view, status }] as const,
  lists: [...queryKeys.tasks, 'list'] as const,
  detail: (id: string) => [...queryKeys.tasks, 'detail', id] as const,
  records: (id: string) => [...queryKeys.tasks, 'detail', id, 'records'] as const,
};

export function useTaskList(view: TaskView, status: TaskStatus | null) {
  return useInfiniteQuery({
    queryKey: taskKeys.list(view, status),
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<Task>>('/api/v1/tasks', {
        query: { view, status, limit: PAGE_SIZE, cursor: pageParam },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useTask(id: string) {
  return useQuery({
    queryKey: taskKeys.detail(id),
    queryFn: ({ signal }) => apiRequest<Task>(`/api/v1/tasks/${encodeURIComponent(id)}`, { signal }),
  });
}

export function useTaskRecords(id: string) {
  return useInfiniteQuery({
    queryKey: taskKeys.records(id),
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<TaskRecord>>(`/api/v1/tasks/${encodeURIComponent(id)}/records`, {
        query: { limit: 50, cursor: pageParam },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** A task write that answers with the task: the drawer shows it at once, the lists refetch. */
function useTaskWrite<Body>(id: string, operation: 'status' | 'transfer') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Body) =>
      apiRequest<Task>(`/api/v1/tasks/${encodeURIComponent(id)}/${operation}`, { method: 'POST', body }),
    onSuccess: (task) => {
      queryClient.setQueryData(taskKeys.detail(id), task);
      void queryClient.invalidateQueries({ queryKey: taskKeys.lists });
    },
    onError: () => {
      // A refusal may mean the task changed meanwhile (another owner, a closed case): show what is.
      void queryClient.invalidateQueries({ queryKey: taskKeys.detail(id), exact: true });
    },
  });
}

export function useChangeTaskStatus(id: string) {
  return useTaskWrite<{ status: TaskStatus }>(id, 'status');
}

export function useTransferTask(id: string) {
  return useTaskWrite<{ ownerId: string }>(id, 'transfer');
}

export function useAddTaskRecord(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ title, body, key }: { title: string; body: string; key: string }) =>
      apiRequest<TaskRecord>(`/api/v1/tasks/${encodeURIComponent(id)}/records`, {
        method: 'POST',
        body: { title, body },
        headers: { 'idempotency-key': key },
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: taskKeys.records(id) });
    },
  });
}
