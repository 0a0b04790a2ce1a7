import type { Case } from '../../cases/case.js';
import { assertAssignableUser } from '../../cases/owner-references.js';
import { appendTrack } from '../../cases/track.repository.js';
import type { Actor, AppContext } from '../../context.js';
import { AppError } from '../../shared/errors.js';
import type { Task, TaskWithCase } from '../task.js';
import { assertMayTransferTask, assertTaskWritable } from '../task.policy.js';
import { addTaskHandler, inLiveCaseTransaction, updateTaskIfUnchanged } from '../tasks.repository.js';
import { taskChangedMeanwhile } from './change-task-status.js';

/**
 * Hands a task on to another owner: by its creator, its owner, the case's owner or a tenant
 * administrator. Checks: right (403), the new owner (400 `ownerId`: an active user of the tenant),
 * the case's state (409), and a hand-over to the current owner (409 `case_invalid_transition`). The
 * task keeps its OU and status. The new owner becomes a handler; the former owner stays one, so they
 * keep read access to the case (SPEC §13). The case's version does not change.
 */
export async function transferTask(
  ctx: AppContext,
  actor: Actor,
  c: Case,
  task: Task,
  input: { ownerId: string; remark?: string | undefined },
): Promise<TaskWithCase> {
  assertMayTransferTask(actor, task, c);
  await assertAssignableUser(ctx.db, c.tenantId, input.ownerId);
  assertTaskWritable(c);
  if (input.ownerId === task.ownerId)
    throw new AppError('case_invalid_transition', 'The task already has this owner.');

  const at = ctx.clock.now().toISOString();
  const after: Task = { ...task, ownerId: input.ownerId, updatedAt: at };
  await inLiveCaseTransaction(ctx.db, ctx.dialect, c, async (trx) => {
    if (!(await updateTaskIfUnchanged(trx, after, task))) throw taskChangedMeanwhile();
    await addTaskHandler(trx, { tenantId: c.tenantId, userId: input.ownerId, taskId: task.id, caseId: c.id });
    await appendTrack(trx, c.tenantId, {
      caseId: c.id,
      kind: 'task.transferred',
      actorId: actor.userId,
      at,
      remark: input.remark ?? null,
      changes: { taskId: [task.id, task.id], ownerId: [task.ownerId, input.ownerId] },
      body: null,
    });
  });
  ctx.events.publish({ tenantId: c.tenantId, caseId: c.id, version: c.version, kind: 'updated' });
  return { task: after, parent: c };
}
