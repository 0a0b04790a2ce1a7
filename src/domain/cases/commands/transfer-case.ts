import type { Tx } from '../../../db/connection.js';
import type { AppContext } from '../../context.js';
import type { Case } from '../case.js';
import type { CaseViewer } from '../case.policy.js';
import { enqueueCaseNotification } from '../../notifications/enqueue.js';
import { operateOnCase } from '../operate.js';
import { assertAssignableUser, assertQueueExists } from '../owner-references.js';

/**
 * Gives the case to another agent (the queue is cleared) or to a queue (the owner is cleared, and the
 * queue's members may claim it). The case's OU stays (SPEC §13). A remark is required.
 */
export function transferCase(
  ctx: AppContext,
  viewer: CaseViewer,
  c: Case,
  input: {
    ifMatch: number | null;
    ownerId?: string | undefined;
    queueId?: string | undefined;
    remark: string;
  },
): Promise<Case> {
  // The new owner (or the new queue's members) hear of it, except whoever made the transfer.
  const notifyNewOwner = (trx: Tx, after: Case) =>
    enqueueCaseNotification(trx, ctx, {
      kind: 'automatic',
      caseAfter: after,
      recipients: 'owner',
      excludeUserId: viewer.actor.userId,
    }).then(() => undefined);
  return operateOnCase(ctx, viewer, c, 'transfer', {
    ifMatch: input.ifMatch,
    plan: async (before) => {
      if (input.ownerId !== undefined) {
        await assertAssignableUser(ctx.db, before.tenantId, input.ownerId);
        return {
          after: { ...before, ownerId: input.ownerId, queueId: null },
          kind: 'transferred',
          remark: input.remark,
          alsoWrite: notifyNewOwner,
        };
      }
      const queueId = input.queueId ?? '';
      await assertQueueExists(ctx.db, before.tenantId, queueId);
      return {
        after: { ...before, ownerId: null, queueId },
        kind: 'transferred',
        remark: input.remark,
        alsoWrite: notifyNewOwner,
      };
    },
  });
}
