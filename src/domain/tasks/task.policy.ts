import type { Actor } from '../context.js';
import { AppError, forbidden } from '../shared/errors.js';
import { TASK_WRITABLE_STATES, type ParentCase, type Task } from './task.js';

/**
 * Who works a task (SPEC §13 "Tasks"): its owner, or, for a task given only to an OU, every member
 * of that OU (a user whose home OU it is). Tenant administrators may operate everything of their
 * tenant (SPEC §1), so they may work every task too. Working = changing the status, adding handling
 * records and attachments.
 */
export function isTaskWorker(actor: Actor, task: Pick<Task, 'ownerId' | 'ouId'>): boolean {
  if (actor.tenantAdmin) return true;
  if (task.ownerId !== null) return task.ownerId === actor.userId;
  return task.ouId !== null && task.ouId === actor.ouId;
}

/**
 * Who hands a task on: its creator, its owner or the case's owner (SPEC §13), and tenant
 * administrators. Members of the OU of an OU-only task are not among them: they work it where it is.
 */
export function mayTransferTask(actor: Actor, task: Task, parent: ParentCase): boolean {
  return (
    actor.tenantAdmin ||
    task.creatorId === actor.userId ||
    (task.ownerId !== null && task.ownerId === actor.userId) ||
    (parent.ownerId !== null && parent.ownerId === actor.userId)
  );
}

/**
 * Who edits a task's title, description, priority and due time: those who may hand it on. The
 * request belongs to whoever gave it out (creator, case owner) and to whoever holds it now (owner);
 * members of an OU only work an OU task, they do not rewrite it.
 */
export function mayEditTask(actor: Actor, task: Task, parent: ParentCase): boolean {
  return mayTransferTask(actor, task, parent);
}

/** Tasks of a closed, cancelled or merged case are read-only (SPEC §13). */
export function isTaskWritable(parent: Pick<ParentCase, 'state'>): boolean {
  return TASK_WRITABLE_STATES.includes(parent.state);
}

/** 409 `case_invalid_transition` when the task's case no longer takes task work. */
export function assertTaskWritable(parent: Pick<ParentCase, 'state'>): void {
  if (!isTaskWritable(parent)) {
    throw new AppError('case_invalid_transition', `The tasks of a ${parent.state} case are read-only.`);
  }
}

export function assertTaskWorker(actor: Actor, task: Task): void {
  if (!isTaskWorker(actor, task)) {
    throw forbidden(
      task.ownerId === null
        ? "Only members of the task's OU may work this task."
        : "Only the task's owner may work this task.",
    );
  }
}

export function assertMayTransferTask(actor: Actor, task: Task, parent: ParentCase): void {
  if (!mayTransferTask(actor, task, parent))
    throw forbidden("Only the task's creator, its owner or the case's owner may hand the task on.");
}

export function assertMayEditTask(actor: Actor, task: Task, parent: ParentCase): void {
  if (!mayEditTask(actor, task, parent))
    throw forbidden("Only the task's creator, its owner or the case's owner may edit the task.");
}

export interface TaskAbilities {
  changeStatus: boolean;
  transfer: boolean;
  addRecord: boolean;
  attach: boolean;
  edit: boolean;
}

/** What the caller may do to the task now: their rights and the case's state. */
export function taskAbilitiesOf(actor: Actor, task: Task, parent: ParentCase): TaskAbilities {
  const writable = isTaskWritable(parent);
  const worker = writable && isTaskWorker(actor, task);
  return {
    changeStatus: worker,
    transfer: writable && mayTransferTask(actor, task, parent),
    addRecord: worker,
    attach: worker,
    edit: writable && mayEditTask(actor, task, parent),
  };
}
