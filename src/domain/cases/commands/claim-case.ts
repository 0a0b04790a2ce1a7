import type { AppContext } from '../../context.js';
import { AppError } from '../../shared/errors.js';
import { isQueueOwned, type Case } from '../case.js';
import type { CaseViewer } from '../case.policy.js';
import { operateOnCase } from '../operate.js';

/**
 * A member of the owning queue takes the case: they become its owner, and the case keeps its queue so
 * the other members still see it. A case that already has an owner cannot be claimed.
 */
export function claimCase(
  ctx: AppContext,
  viewer: CaseViewer,
  c: Case,
  input: { ifMatch: number | null; remark?: string | undefined },
): Promise<Case> {
  return operateOnCase(ctx, viewer, c, 'claim', {
    ifMatch: input.ifMatch,
    plan: (before) => {
      if (!isQueueOwned(before))
        throw new AppError(
          'case_invalid_transition',
          'The case already has an owner; only an unclaimed queue case can be claimed.',
        );
      return { after: { ...before, ownerId: viewer.actor.userId }, kind: 'claimed', remark: input.remark };
    },
  });
}
