/**
 * Query keys shared by the pages and the live-event listener, so that an event invalidates exactly
 * what shows the case: every workbench list and count starts with ['cases'], and everything of one
 * case (details, track, attachments, tasks, …) starts with ['case', id].
 */
export const queryKeys = {
  caseLists: ['cases'] as const,
  caseList: (params: Record<string, unknown>) => ['cases', 'list', params] as const,
  caseCounts: ['cases', 'counts'] as const,
  case: (id: string) => ['case', id] as const,
  caseDetail: (id: string, part: string, ...rest: unknown[]) => ['case', id, part, ...rest] as const,
  tasks: ['tasks'] as const,
  customers: ['customers'] as const,
  customer: (id: string) => ['customer', id] as const,
  config: (resource: string) => ['config', resource] as const,
};
