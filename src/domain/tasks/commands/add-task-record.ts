import { newId } from '../../../lib/ids.js';
import type { Case } from '../../cases/case.js';
import { appendTrack } from '../../cases/track.repository.js';
import type { Actor, AppContext } from '../../context.js';
import type { Task, TaskRecord } from '../task.js';
import { assertTaskWorker, assertTaskWritable } from '../task.policy.js';
import { addTaskHandler, inLiveCaseTransaction, insertTaskRecord } from '../tasks.repository.js';

/**
 * Adds a handling record to a task (title ≤128, body ≤20,000; checked by the body schema): by those
 * who work the task, while its case is open or suspended. Checks: right (403), state (409). The
 * author becomes one of the task's handlers. The case track notes the record by its title (the body
 * stays on the task); the case's version does not change.
 */
export async function addTaskRecord(
  ctx: AppContext,
  actor: Actor,
  c: Case,
  task: Task,
  input: { title: string; body: string },
): Promise<TaskRecord> {
  assertTaskWorker(actor, task);
  assertTaskWritable(c);
  const record: TaskRecord = {
    tenantId: c.tenantId,
    id: newId(),
    taskId: task.id,
    title: input.title,
    body: input.body,
    authorId: actor.userId,
    createdAt: ctx.clock.now().toISOString(),
  };
  await inLiveCaseTransaction(ctx.db, ctx.dialect, c, async (trx) => {
    await insertTaskRecord(trx, record);
    await addTaskHandler(trx, { tenantId: c.tenantId, userId: actor.userId, taskId: task.id, caseId: c.id });
    await appendTrack(trx, c.tenantId, {
      caseId: c.id,
      kind: 'task.record',
      actorId: actor.userId,
      at: record.createdAt,
      remark: null,
      changes: { taskId: [task.id, task.id], record: [null, record.title] },
      body: null,
    });
  });
  ctx.events.publish({ tenantId: c.tenantId, caseId: c.id, version: c.version, kind: 'updated' });
  return record;
}
