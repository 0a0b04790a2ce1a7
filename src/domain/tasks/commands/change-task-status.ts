import type { Case } from '../../cases/case.js';
import { appendTrack } from '../../cases/track.repository.js';
import type { Actor, AppContext } from '../../context.js';
import { AppError } from '../../shared/errors.js';
import type { Task, TaskStatus, TaskWithCase } from '../task.js';
import { assertTaskWorker, assertTaskWritable } from '../task.policy.js';
import { addTaskHandler, inLiveCaseTransaction, updateTaskIfUnchanged } from '../tasks.repository.js';

/** Two writes to one task raced and this one lost: the caller reloads the task and decides again. */
export function taskChangedMeanwhile(): AppError {
  return new AppError('version_conflict', 'This task changed meanwhile. Reload it and try again.');
}

/**
 * Moves a task to another status: pending, processing and completed, any move allowed (SPEC §6),
 * by the task's owner, a member of the OU of an OU-only task, or a tenant administrator. Checks:
 * right (403), the case's state (409), then the move itself: moving to the status the task already
 * has is 409 `case_invalid_transition`, as for a case's status. The mover becomes one of the task's
 * handlers (read access to the case, the Processed view). The case's version does not change.
 */
export async function changeTaskStatus(
  ctx: AppContext,
  actor: Actor,
  c: Case,
  task: Task,
  input: { status: TaskStatus; remark?: string | undefined },
): Promise<TaskWithCase> {
  assertTaskWorker(actor, task);
  assertTaskWritable(c);
  if (input.status === task.status)
    throw new AppError('case_invalid_transition', `The task is already ${task.status}.`);

  const at = ctx.clock.now().toISOString();
  const after: Task = {
    ...task,
    status: input.status,
    updatedAt: at,
    completedAt: input.status === 'completed' ? at : null,
  };
  await inLiveCaseTransaction(ctx.db, ctx.dialect, c, async (trx) => {
    if (!(await updateTaskIfUnchanged(trx, after, task))) throw taskChangedMeanwhile();
    await addTaskHandler(trx, { tenantId: c.tenantId, userId: actor.userId, taskId: task.id, caseId: c.id });
    await appendTrack(trx, c.tenantId, {
      caseId: c.id,
      kind: 'task.status',
      actorId: actor.userId,
      at,
      remark: input.remark ?? null,
      changes: { taskId: [task.id, task.id], status: [task.status, after.status] },
      body: null,
    });
  });
  ctx.events.publish({ tenantId: c.tenantId, caseId: c.id, version: c.version, kind: 'updated' });
  return { task: after, parent: c };
}
