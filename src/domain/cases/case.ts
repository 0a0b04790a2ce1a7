import type { CaseState, Origin, Priority } from '../../../contract/cases.js';
import { PRIORITIES } from '../../../contract/cases.js';

export type CustomFieldValue = string | number | string[] | null;

export interface Case {
  tenantId: string;
  id: string;
  caseNo: number;
  typeId: string;
  title: string;
  description: string;
  priority: Priority;
  originalPriority: Priority;
  origin: Origin;
  customerId: string;
  contactPhone: string | null;
  ownerId: string | null;
  queueId: string | null;
  creatorId: string;
  ouId: string | null;
  state: CaseState;
  status: string;
  /** What a cancelled case returns to on resume. */
  priorState: CaseState | null;
  priorStatus: string | null;
  reopenCount: number;
  suspendedMs: number;
  pausedAt: string | null;
  mergedIntoId: string | null;
  interactionId: string | null;
  customerNotify: { email: boolean; sms: boolean };
  customFields: Record<string, CustomFieldValue>;
  dueAt: string | null;
  dueAtSource: 'sla' | 'manual' | null;
  slaStartedAt: string;
  pausedMsSinceStart: number;
  /** When the SLA warning is due; null without an SLA rule or due time. */
  slaWarnAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

/** What the case rules need of its type. */
export interface CaseTypeRules {
  id: string;
  name: string;
  enabled: boolean;
  process: string[];
  strictOrder: boolean;
  verifyTasks: boolean;
  ouId: string | null;
  customFields: {
    key: string;
    label: string;
    type: 'text' | 'number' | 'date' | 'choice' | 'multiChoice';
    options?: string[] | undefined;
    required: boolean;
  }[];
}

export function priorityRank(priority: Priority): number {
  return PRIORITIES.indexOf(priority) + 1;
}

export function isUpgraded(c: Pick<Case, 'priority' | 'originalPriority'>): boolean {
  return priorityRank(c.priority) > priorityRank(c.originalPriority);
}

export const UPGRADED_MARK = '[Upgraded] ';

export function displayTitle(c: Pick<Case, 'title' | 'priority' | 'originalPriority'>): string {
  return isUpgraded(c) ? `${UPGRADED_MARK}${c.title}` : c.title;
}

export function isQueueOwned(c: Pick<Case, 'queueId' | 'ownerId'>): boolean {
  return c.queueId !== null && c.ownerId === null;
}

/** A due time sorts last when there is none, the same way on both databases. */
export const NO_DUE_SORT = '9999-12-31T23:59:59.999Z';
