import type { z } from 'zod';
import type { createTaskBody } from '../../../../contract/details.js';
import { newId } from '../../../lib/ids.js';
import type { Case } from '../../cases/case.js';
import { assertAllowedInState, assertMayOperate, type CaseViewer } from '../../cases/case.policy.js';
import { assertAssignableUser } from '../../cases/owner-references.js';
import { appendTrack, type TrackChanges } from '../../cases/track.repository.js';
import type { AppContext } from '../../context.js';
import { assertOuExists } from '../../org/ou-references.js';
import { invalidField } from '../../shared/errors.js';
import type { Task, TaskWithCase } from '../task.js';
import { addTaskHandler, inLiveCaseTransaction, insertTask } from '../tasks.repository.js';

export type CreateTaskInput = z.output<typeof createTaskBody>;

/**
 * Gives a case a new task (SPEC §13 "Tasks"): the case's owner, a `case.edit` holder who sees the
 * case, or a tenant administrator, while the case is open or suspended. Checks in order: right (403),
 * due time and ids in the body (400), the case's state (409). The task starts `pending`; its owner
 * is remembered as a handler so that they keep seeing the case. The case's version does not change.
 */
export async function createTask(
  ctx: AppContext,
  viewer: CaseViewer,
  c: Case,
  input: CreateTaskInput,
): Promise<TaskWithCase> {
  const { actor } = viewer;
  assertMayOperate(viewer, c, 'createTask');
  const now = ctx.clock.now();
  if (input.dueAt && new Date(input.dueAt).getTime() <= now.getTime())
    throw invalidField('dueAt', 'The due time must lie in the future.');
  if (input.ownerId !== undefined) await assertAssignableUser(ctx.db, c.tenantId, input.ownerId);
  if (input.ouId !== undefined) await assertOuExists(ctx.db, c.tenantId, input.ouId);
  assertAllowedInState(c, 'createTask');

  const at = now.toISOString();
  const task: Task = {
    tenantId: c.tenantId,
    id: newId(),
    caseId: c.id,
    title: input.title,
    description: input.description,
    ownerId: input.ownerId ?? null,
    ouId: input.ouId ?? null,
    priority: input.priority,
    dueAt: input.dueAt ? new Date(input.dueAt).toISOString() : null,
    status: 'pending',
    creatorId: actor.userId,
    createdAt: at,
    updatedAt: at,
    completedAt: null,
  };
  const changes: TrackChanges = { taskId: [null, task.id], title: [null, task.title] };
  if (task.ownerId !== null) changes.ownerId = [null, task.ownerId];
  if (task.ouId !== null) changes.ouId = [null, task.ouId];

  await inLiveCaseTransaction(ctx.db, ctx.dialect, c, async (trx) => {
    await insertTask(trx, task);
    if (task.ownerId !== null)
      await addTaskHandler(trx, {
        tenantId: c.tenantId,
        userId: task.ownerId,
        taskId: task.id,
        caseId: c.id,
      });
    await appendTrack(trx, c.tenantId, {
      caseId: c.id,
      kind: 'task.created',
      actorId: actor.userId,
      at,
      remark: null,
      changes,
      body: null,
    });
  });
  ctx.events.publish({ tenantId: c.tenantId, caseId: c.id, version: c.version, kind: 'updated' });
  return { task, parent: c };
}
