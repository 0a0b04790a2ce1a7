import type { z } from 'zod';
import type { createQueueBody } from '../../../../contract/config.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { newId } from '../../../lib/ids.js';
import type { Actor, AppContext } from '../../context.js';
import { assertOuExists } from '../../org/ou-references.js';
import { alreadyExists } from '../../shared/errors.js';
import type { Queue } from '../queue.js';
import { assertMembersExist } from '../queue-references.js';
import { findQueueByName, insertQueue } from '../queues.repository.js';

/** Creates a case queue with its members (users of the tenant) and an optional OU. */
export async function createQueue(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof createQueueBody>,
): Promise<Queue> {
  const now = ctx.clock.now().toISOString();
  const queue: Queue = {
    tenantId: actor.tenantId,
    id: newId(),
    name: input.name,
    ouId: input.ouId ?? null,
    memberIds: [...new Set(input.memberIds)].sort(),
    createdAt: now,
    updatedAt: now,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if (queue.ouId) await assertOuExists(trx, actor.tenantId, queue.ouId);
      await assertMembersExist(trx, actor.tenantId, input.memberIds);
      if (await findQueueByName(trx, actor.tenantId, queue.name))
        throw alreadyExists('name', 'A queue with this name');
      await insertQueue(trx, queue);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists('name', 'A queue with this name');
    throw error;
  }
  return queue;
}
