import { isForeignKeyViolation } from '../../../db/errors.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../shared/errors.js';
import type { Queue } from '../queue.js';
import { deleteQueueRow, hasCasesOfQueue } from '../queues.repository.js';

const USED_BY_CASES = 'Cases still belong to this queue; transfer them to another owner first.';

/**
 * Deletes a queue that no case carries, in any state (a claimed case keeps its queue); otherwise 409
 * `in_use`, so no case loses the members who may see it.
 */
export async function deleteQueue(ctx: AppContext, queue: Queue): Promise<void> {
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if (await hasCasesOfQueue(trx, queue.tenantId, queue.id)) throw new AppError('in_use', USED_BY_CASES);
      await deleteQueueRow(trx, queue.tenantId, queue.id);
    });
  } catch (error) {
    // A case given to the queue after the check above but before the delete.
    if (isForeignKeyViolation(error)) throw new AppError('in_use', USED_BY_CASES);
    throw error;
  }
}
