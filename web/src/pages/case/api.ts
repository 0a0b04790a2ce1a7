// Server state of the case details page: one hook per resource the page shows, and the writes.
// Every key starts with ['case', id] so that a live event about the case refreshes all of it; writes
// that return the case put it in the cache at once and refresh what depends on it.
import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { ApiError, apiRequest, uploadFile } from '../../api/client';
import { queryKeys } from '../../api/keys';
import type {
  Attachment,
  Case,
  CaseEdit,
  CaseListItem,
  ContactRecord,
  Customer,
  Evaluation,
  InternalRecord,
  Page,
  Task,
  TaskInput,
  TaskRecord,
  TrackEntry,
} from '../../api/types';

export const TRACK_PAGE_SIZE = 50;
export const HISTORY_PAGE_SIZE = 10;

/** The case operations that `POST /api/v1/cases/{id}/{operation}` answers with the case. */
export type OperationName =
  | 'follow'
  | 'unfollow'
  | 'urge'
  | 'upgrade'
  | 'downgrade'
  | 'suspend'
  | 'resume'
  | 'transfer'
  | 'claim'
  | 'cancel'
  | 'close'
  | 'restart'
  | 'status'
  | 'merge';

export interface CaseCustomer {
  customer: Customer;
  historicalCases: CaseListItem[];
  historicalTotal: number;
}

export interface AssociatedCases {
  mainCase: CaseListItem | null;
  mergedCases: CaseListItem[];
}

export const caseKeys = {
  case: (id: string) => queryKeys.case(id),
  track: (id: string) => queryKeys.caseDetail(id, 'track'),
  attachments: (id: string) => queryKeys.caseDetail(id, 'attachments'),
  tasks: (id: string) => queryKeys.caseDetail(id, 'tasks'),
  taskRecords: (id: string, taskId: string) => queryKeys.caseDetail(id, 'taskRecords', taskId),
  associated: (id: string) => queryKeys.caseDetail(id, 'associated'),
  internalRecords: (id: string) => queryKeys.caseDetail(id, 'internalRecords'),
  contactRecords: (id: string) => queryKeys.caseDetail(id, 'contactRecords'),
  contactRecord: (id: string, recordId: string) => queryKeys.caseDetail(id, 'contactRecord', recordId),
  customer: (id: string) => queryKeys.caseDetail(id, 'customer'),
  history: (id: string, customerId: string) => queryKeys.caseDetail(id, 'history', customerId),
  mergeCandidates: (id: string, customerId: string) =>
    queryKeys.caseDetail(id, 'mergeCandidates', customerId),
  evaluation: (id: string) => queryKeys.caseDetail(id, 'evaluation'),
};

const casePath = (id: string) => `/api/v1/cases/${encodeURIComponent(id)}`;

/** `If-Match: "<version>"` for a case write, so that a stale page is refused (409 version_conflict). */
function ifMatch(version: number | undefined): Record<string, string> {
  return version === undefined ? {} : { 'if-match': `"${version}"` };
}

export function isVersionConflict(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'version_conflict';
}

/** Puts a case the server returned into the cache and refreshes the lists and the case's parts. */
export function applyCase(queryClient: QueryClient, updated: Case): void {
  queryClient.setQueryData(caseKeys.case(updated.id), updated);
  void queryClient.invalidateQueries({ queryKey: queryKeys.caseLists });
  void queryClient.invalidateQueries({
    queryKey: queryKeys.case(updated.id),
    predicate: (query) => query.queryKey.length > 2,
  });
}

/** Refreshes the parts of a case (track, tabs, panel) after a write that does not return the case. */
function refreshParts(queryClient: QueryClient, caseId: string, ...parts: string[]): void {
  for (const part of parts)
    void queryClient.invalidateQueries({ queryKey: queryKeys.caseDetail(caseId, part) });
}

export function useCase(id: string) {
  return useQuery({
    queryKey: caseKeys.case(id),
    queryFn: ({ signal }) => apiRequest<Case>(casePath(id), { signal }),
  });
}

export interface OperationInput {
  operation: OperationName;
  body?: Record<string, unknown>;
  /** The version the user saw; omitted for follow and unfollow, which do not change the case. */
  version?: number;
}

export function useCaseOperation(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ operation, body, version }: OperationInput) =>
      apiRequest<Case>(`${casePath(caseId)}/${operation}`, {
        method: 'POST',
        body: body ?? {},
        headers: ifMatch(version),
      }),
    onSuccess: (updated, input) => {
      applyCase(queryClient, updated);
      if (input.operation === 'merge') {
        const ids = Array.isArray(input.body?.caseIds) ? (input.body.caseIds as string[]) : [];
        for (const other of ids) void queryClient.invalidateQueries({ queryKey: queryKeys.case(other) });
      }
      if (input.operation === 'merge' || input.operation === 'close')
        void queryClient.invalidateQueries({ queryKey: queryKeys.tasks });
    },
  });
}

export function useEditCase(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, version }: { body: CaseEdit; version: number }) =>
      apiRequest<Case>(casePath(caseId), { method: 'PATCH', body, headers: ifMatch(version) }),
    onSuccess: (updated) => applyCase(queryClient, updated),
  });
}

// --- Case Track -------------------------------------------------------------------------------

export function useTrack(caseId: string) {
  return useInfiniteQuery({
    queryKey: caseKeys.track(caseId),
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<TrackEntry>>(`${casePath(caseId)}/track`, {
        query: { limit: TRACK_PAGE_SIZE, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useAddComment(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) =>
      apiRequest<TrackEntry>(`${casePath(caseId)}/comments`, { method: 'POST', body: { body } }),
    onSuccess: () => {
      refreshParts(queryClient, caseId, 'track');
      void queryClient.invalidateQueries({ queryKey: queryKeys.caseLists });
    },
  });
}

// --- Attachments ------------------------------------------------------------------------------

export function useAttachments(caseId: string) {
  return useQuery({
    queryKey: caseKeys.attachments(caseId),
    queryFn: ({ signal }) => apiRequest<Page<Attachment>>(`${casePath(caseId)}/attachments`, { signal }),
  });
}

export function uploadAttachment(
  caseId: string,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<Attachment> {
  return uploadFile<Attachment>(`${casePath(caseId)}/attachments`, file, onProgress);
}

export function useAttachmentsChanged(caseId: string) {
  const queryClient = useQueryClient();
  return () => refreshParts(queryClient, caseId, 'attachments', 'track');
}

export function useDeleteAttachment(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (attachmentId: string) =>
      apiRequest<undefined>(`/api/v1/attachments/${encodeURIComponent(attachmentId)}`, {
        method: 'DELETE',
      }),
    onSuccess: () => refreshParts(queryClient, caseId, 'attachments', 'track'),
  });
}

export const attachmentUrl = (attachmentId: string) =>
  `/api/v1/attachments/${encodeURIComponent(attachmentId)}/content`;

// --- Case Task --------------------------------------------------------------------------------

const taskPath = (id: string) => `/api/v1/tasks/${encodeURIComponent(id)}`;

export function useTasks(caseId: string) {
  return useQuery({
    queryKey: caseKeys.tasks(caseId),
    queryFn: async ({ signal }) => {
      const items: Task[] = [];
      let cursor: string | null = null;
      let total = 0;
      do {
        const page: Page<Task> = await apiRequest<Page<Task>>(`${casePath(caseId)}/tasks`, {
          query: { limit: 100, cursor: cursor ?? undefined },
          signal,
        });
        items.push(...page.items);
        total = page.total;
        cursor = page.nextCursor;
      } while (cursor && items.length < 500);
      return { items, total };
    },
  });
}

function useTaskWrite<Input>(caseId: string, run: (input: Input) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => {
      refreshParts(queryClient, caseId, 'tasks', 'track');
      void queryClient.invalidateQueries({ queryKey: queryKeys.tasks });
    },
  });
}

export function useCreateTask(caseId: string) {
  return useTaskWrite(caseId, (body: TaskInput) =>
    apiRequest<Task>(`${casePath(caseId)}/tasks`, { method: 'POST', body }),
  );
}

export function useTransferTask(caseId: string) {
  return useTaskWrite(
    caseId,
    ({ taskId, ownerId, remark }: { taskId: string; ownerId: string; remark?: string }) =>
      apiRequest<Task>(`${taskPath(taskId)}/transfer`, {
        method: 'POST',
        body: remark ? { ownerId, remark } : { ownerId },
      }),
  );
}

export function useTaskStatus(caseId: string) {
  return useTaskWrite(caseId, ({ taskId, status }: { taskId: string; status: Task['status'] }) =>
    apiRequest<Task>(`${taskPath(taskId)}/status`, { method: 'POST', body: { status } }),
  );
}

export function useTaskRecords(caseId: string, taskId: string, enabled: boolean) {
  return useQuery({
    queryKey: caseKeys.taskRecords(caseId, taskId),
    queryFn: ({ signal }) =>
      apiRequest<Page<TaskRecord>>(`${taskPath(taskId)}/records`, { query: { limit: 100 }, signal }),
    enabled,
  });
}

export function useAddTaskRecord(caseId: string, taskId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { title: string; body: string }) =>
      apiRequest<TaskRecord>(`${taskPath(taskId)}/records`, { method: 'POST', body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: caseKeys.taskRecords(caseId, taskId) });
      refreshParts(queryClient, caseId, 'track');
    },
  });
}

// --- Associated Case --------------------------------------------------------------------------

export function useAssociated(caseId: string) {
  return useQuery({
    queryKey: caseKeys.associated(caseId),
    queryFn: ({ signal }) => apiRequest<AssociatedCases>(`${casePath(caseId)}/associated`, { signal }),
  });
}

const customerCasesPath = (customerId: string) => `/api/v1/customers/${encodeURIComponent(customerId)}/cases`;

/** The customer's other cases that could be merged into this one: open or suspended, not merged. */
export function useMergeCandidates(caseId: string, customerId: string, enabled: boolean) {
  return useQuery({
    queryKey: caseKeys.mergeCandidates(caseId, customerId),
    queryFn: async ({ signal }) => {
      const items: CaseListItem[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Page<CaseListItem> = await apiRequest<Page<CaseListItem>>(customerCasesPath(customerId), {
          query: { excludeCaseId: caseId, limit: 100, cursor: cursor ?? undefined },
          signal,
        });
        items.push(...page.items);
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor && pages < 10);
      return items.filter(
        (item) => (item.state === 'open' || item.state === 'suspended') && item.mergedIntoId === null,
      );
    },
    enabled,
  });
}

// --- Internal Record --------------------------------------------------------------------------

export function useInternalRecords(caseId: string, enabled: boolean) {
  return useQuery({
    queryKey: caseKeys.internalRecords(caseId),
    queryFn: ({ signal }) =>
      apiRequest<Page<InternalRecord>>(`${casePath(caseId)}/internal-records`, { signal }),
    enabled,
  });
}

export function useAddInternalRecord(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) =>
      apiRequest<InternalRecord>(`${casePath(caseId)}/internal-records`, { method: 'POST', body: { body } }),
    onSuccess: () => refreshParts(queryClient, caseId, 'internalRecords'),
  });
}

// --- Contact Records --------------------------------------------------------------------------

export function useContactRecords(caseId: string) {
  return useQuery({
    queryKey: caseKeys.contactRecords(caseId),
    queryFn: ({ signal }) =>
      apiRequest<Page<ContactRecord>>(`${casePath(caseId)}/contact-records`, { signal }),
  });
}

export function useContactRecord(caseId: string, recordId: string | null) {
  return useQuery({
    queryKey: caseKeys.contactRecord(caseId, recordId ?? ''),
    queryFn: ({ signal }) =>
      apiRequest<ContactRecord>(`/api/v1/contact-records/${encodeURIComponent(recordId ?? '')}`, { signal }),
    enabled: recordId !== null,
  });
}

// --- Right panel ------------------------------------------------------------------------------

export function useCaseCustomer(caseId: string) {
  return useQuery({
    queryKey: caseKeys.customer(caseId),
    queryFn: ({ signal }) => apiRequest<CaseCustomer>(`${casePath(caseId)}/customer`, { signal }),
  });
}

export function useHistoricalCases(caseId: string, customerId: string) {
  return useInfiniteQuery({
    queryKey: caseKeys.history(caseId, customerId),
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<CaseListItem>>(customerCasesPath(customerId), {
        query: { excludeCaseId: caseId, limit: HISTORY_PAGE_SIZE, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useEvaluation(caseId: string) {
  return useQuery({
    queryKey: caseKeys.evaluation(caseId),
    queryFn: ({ signal }) => apiRequest<Evaluation>(`${casePath(caseId)}/evaluation`, { signal }),
  });
}

export function useEvaluate(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { rating: number; comment?: string }) =>
      apiRequest<Evaluation>(`${casePath(caseId)}/evaluation`, { method: 'PUT', body }),
    onSuccess: (evaluation) => {
      queryClient.setQueryData(caseKeys.evaluation(caseId), evaluation);
      void queryClient.invalidateQueries({ queryKey: caseKeys.case(caseId) });
    },
  });
}
