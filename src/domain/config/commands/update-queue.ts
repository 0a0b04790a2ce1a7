import type { z } from 'zod';
import type { updateQueueBody } from '../../../../contract/config.js';
import { isUniqueViolation } from '../../../db/errors.js';
import type { AppContext } from '../../context.js';
import { assertOuExists } from '../../org/ou-references.js';
import { alreadyExists } from '../../shared/errors.js';
import type { Queue } from '../queue.js';
import { assertMembersExist } from '../queue-references.js';
import { findQueueByName, replaceQueueMembers, updateQueueRow } from '../queues.repository.js';

/**
 * Renames a queue, moves it to another OU or replaces its members. Cases the queue owns stay with it;
 * a removed member stops seeing its unclaimed cases at once.
 */
export async function updateQueue(
  ctx: AppContext,
  queue: Queue,
  patch: z.output<typeof updateQueueBody>,
): Promise<Queue> {
  const updated: Queue = {
    ...queue,
    name: patch.name ?? queue.name,
    ouId: patch.ouId === undefined ? queue.ouId : patch.ouId,
    memberIds: patch.memberIds ? [...new Set(patch.memberIds)].sort() : queue.memberIds,
    updatedAt: ctx.clock.now().toISOString(),
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if (updated.ouId !== null && updated.ouId !== queue.ouId) {
        await assertOuExists(trx, queue.tenantId, updated.ouId);
      }
      if (patch.memberIds) await assertMembersExist(trx, queue.tenantId, patch.memberIds);
      if (updated.name !== queue.name) {
        const clash = await findQueueByName(trx, queue.tenantId, updated.name);
        if (clash && clash.id !== queue.id) throw alreadyExists('name', 'A queue with this name');
      }
      await updateQueueRow(trx, updated);
      if (patch.memberIds) await replaceQueueMembers(trx, queue.tenantId, queue.id, updated.memberIds);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists('name', 'A queue with this name');
    throw error;
  }
  return updated;
}
