import type { z } from 'zod';
import type { taskRecordSchema, taskSchema } from '../../../contract/details.js';
import type { Actor } from '../context.js';
import type { TaskRecord, TaskWithCase } from './task.js';
import { taskAbilitiesOf } from './task.policy.js';

export type TaskJson = z.infer<typeof taskSchema>;
export type TaskRecordJson = z.infer<typeof taskRecordSchema>;

/** A task as the API shows it to `actor`, with what they may do to it. */
export function presentTask(actor: Actor, { task, parent }: TaskWithCase): TaskJson {
  return {
    id: task.id,
    caseId: task.caseId,
    caseNo: parent.caseNo,
    title: task.title,
    description: task.description,
    ownerId: task.ownerId,
    ouId: task.ouId,
    priority: task.priority,
    dueAt: task.dueAt,
    status: task.status,
    creatorId: task.creatorId,
    createdAt: task.createdAt,
    updatedAt: task.updatedAt,
    completedAt: task.completedAt,
    abilities: taskAbilitiesOf(actor, task, parent),
  };
}

export function presentTaskRecord(record: TaskRecord): TaskRecordJson {
  return {
    id: record.id,
    taskId: record.taskId,
    title: record.title,
    body: record.body,
    authorId: record.authorId,
    createdAt: record.createdAt,
  };
}
