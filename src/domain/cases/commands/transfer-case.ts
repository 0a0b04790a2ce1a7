import type { AppContext } from '../../context.js';
import type { Case } from '../case.js';
import type { CaseViewer } from '../case.policy.js';
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
  return operateOnCase(ctx, viewer, c, 'transfer', {
    ifMatch: input.ifMatch,
    plan: async (before) => {
      if (input.ownerId !== undefined) {
        await assertAssignableUser(ctx.db, before.tenantId, input.ownerId);
        return {
          after: { ...before, ownerId: input.ownerId, queueId: null },
          kind: 'transferred',
          remark: input.remark,
        };
      }
      const queueId = input.queueId ?? '';
      await assertQueueExists(ctx.db, before.tenantId, queueId);
      return { after: { ...before, ownerId: null, queueId }, kind: 'transferred', remark: input.remark };
    },
  });
}
