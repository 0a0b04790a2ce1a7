import type { AppContext } from '../../context.js';
import type { Case } from '../case.js';
import type { CaseViewer } from '../case.policy.js';
import { slaFor } from '../../sla/sla-clock.js';
import { operateOnCase, resumeClock } from '../operate.js';

/**
 * Resumes a suspended case (back to open), or a cancelled one back to exactly the state and status it
 * had when cancelled. The clock runs again only when the case is open again; the due time moves by
 * the time it stood still (business time when the SLA rule that applies has a calendar).
 */
export function resumeCase(
  ctx: AppContext,
  viewer: CaseViewer,
  c: Case,
  input: { ifMatch: number | null; remark?: string | undefined },
): Promise<Case> {
  return operateOnCase(ctx, viewer, c, 'resume', {
    ifMatch: input.ifMatch,
    plan: async (before, _type, now) => {
      const state = before.state === 'cancelled' ? (before.priorState ?? 'open') : 'open';
      const status = before.state === 'cancelled' ? (before.priorStatus ?? before.status) : before.status;
      const clock =
        state === 'open'
          ? resumeClock(before, now, await slaFor(ctx.db, before.tenantId, before.typeId))
          : {};
      return {
        after: { ...before, ...clock, state, status, priorState: null, priorStatus: null },
        kind: 'resumed',
        remark: input.remark,
      };
    },
  });
}
