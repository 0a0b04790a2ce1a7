import type { z } from 'zod';
import type { updateTaskBody } from '../../../../contract/details.js';
import type { Case } from '../../cases/case.js';
import { appendTrack, type TrackChanges } from '../../cases/track.repository.js';
import type { Actor, AppContext } from '../../context.js';
import { invalidField } from '../../shared/errors.js';
import type { Task, TaskWithCase } from '../task.js';
import { assertMayEditTask, assertTaskWritable } from '../task.policy.js';
import { inLiveCaseTransaction, updateTaskIfUnchanged } from '../tasks.repository.js';
import { taskChangedMeanwhile } from './change-task-status.js';

export type UpdateTaskInput = z.output<typeof updateTaskBody>;

const EDITABLE = ['title', 'description', 'priority', 'dueAt'] as const satisfies readonly (keyof Task)[];

/**
 * Edits a task's title, description, priority or due time. Allowed to its creator, its owner, the
 * case's owner and tenant administrators; checks: right (403), due time (400), state (409). A request
 * that changes nothing answers the task as it is and leaves no track entry.
 */
export async function updateTask(
  ctx: AppContext,
  actor: Actor,
  c: Case,
  task: Task,
  input: UpdateTaskInput,
): Promise<TaskWithCase> {
  assertMayEditTask(actor, task, c);
  const now = ctx.clock.now();
  if (input.dueAt && new Date(input.dueAt).getTime() <= now.getTime())
    throw invalidField('dueAt', 'The due time must lie in the future.');
  assertTaskWritable(c);

  const dueAt =
    input.dueAt === undefined
      ? task.dueAt
      : input.dueAt === null
        ? null
        : new Date(input.dueAt).toISOString();
  const after: Task = {
    ...task,
    title: input.title ?? task.title,
    description: input.description ?? task.description,
    priority: input.priority ?? task.priority,
    dueAt,
    updatedAt: now.toISOString(),
  };
  const changes: TrackChanges = {};
  for (const field of EDITABLE) {
    if (after[field] !== task[field]) changes[field] = [task[field], after[field]];
  }
  if (Object.keys(changes).length === 0) return { task, parent: c };

  await inLiveCaseTransaction(ctx.db, ctx.dialect, c, async (trx) => {
    if (!(await updateTaskIfUnchanged(trx, after, task))) throw taskChangedMeanwhile();
    await appendTrack(trx, c.tenantId, {
      caseId: c.id,
      kind: 'task.edited',
      actorId: actor.userId,
      at: after.updatedAt,
      remark: null,
      changes: { taskId: [task.id, task.id], ...changes },
      body: null,
    });
  });
  ctx.events.publish({ tenantId: c.tenantId, caseId: c.id, version: c.version, kind: 'updated' });
  return { task: after, parent: c };
}
