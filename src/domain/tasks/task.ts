import type { CaseState, Priority } from '../../../contract/cases.js';
import type { TASK_STATUSES } from '../../../contract/details.js';
import type { Case } from '../cases/case.js';

export type TaskStatus = (typeof TASK_STATUSES)[number];

/** A case task (SPEC §6): work another department does for a case, with its own status and records. */
export interface Task {
  tenantId: string;
  id: string;
  caseId: string;
  title: string;
  description: string;
  /** The user who works the task; null for a task given only to an OU. */
  ownerId: string | null;
  ouId: string | null;
  priority: Priority;
  dueAt: string | null;
  status: TaskStatus;
  creatorId: string;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
}

/** What the task rules and the presenter need of the task's case. */
export type ParentCase = Pick<Case, 'id' | 'caseNo' | 'ownerId' | 'state'>;

/** A task with the case it belongs to, as lists and single reads return it. */
export interface TaskWithCase {
  task: Task;
  parent: ParentCase;
}

/** A handling record: what a task's handler did or found (SPEC §13 "Tasks"). */
export interface TaskRecord {
  tenantId: string;
  id: string;
  taskId: string;
  title: string;
  body: string;
  authorId: string;
  createdAt: string;
}

/** Tasks are written only while their case is live; a closed, cancelled or merged case's are read-only. */
export const TASK_WRITABLE_STATES: readonly CaseState[] = ['open', 'suspended'];
