import { PRIORITIES } from '../../../../contract/cases.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../shared/errors.js';
import type { Case } from '../case.js';
import type { CaseViewer } from '../case.policy.js';
import { dueAfterPriorityChange, slaFor } from '../../sla/sla-clock.js';
import { operateOnCase } from '../operate.js';

/**
 * Upgrade and downgrade: the priority moves one step. An upgraded case (above its original priority)
 * carries the *upgraded* mark wherever it is listed. An SLA due time is recomputed at the new priority
 * from the last start plus the time paused since; a manual one stays.
 */
export function changeCasePriority(
  ctx: AppContext,
  viewer: CaseViewer,
  c: Case,
  direction: 'upgrade' | 'downgrade',
  input: { ifMatch: number | null; remark?: string | undefined },
): Promise<Case> {
  return operateOnCase(ctx, viewer, c, direction, {
    ifMatch: input.ifMatch,
    plan: async (before) => {
      const index = PRIORITIES.indexOf(before.priority) + (direction === 'upgrade' ? 1 : -1);
      const priority = PRIORITIES[index];
      if (priority === undefined) {
        throw new AppError(
          'priority_at_limit',
          direction === 'upgrade' ? 'The case is already critical.' : 'The case is already at low priority.',
        );
      }
      return {
        after: {
          ...before,
          priority,
          ...dueAfterPriorityChange(await slaFor(ctx.db, before.tenantId, before.typeId), before, priority),
        },
        kind: direction === 'upgrade' ? 'upgraded' : 'downgraded',
        remark: input.remark,
      };
    },
  });
}
