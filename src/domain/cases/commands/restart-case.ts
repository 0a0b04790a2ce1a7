import type { AppContext } from '../../context.js';
import type { Case } from '../case.js';
import type { CaseViewer } from '../case.policy.js';
import { dueAfterRestart, slaFor } from '../../sla/sla-clock.js';
import { operateOnCase } from '../operate.js';

/**
 * Reopens a closed case at the first status of its process; it is marked reopened and counted. The
 * SLA clock starts again: a new SLA due time from the restart when a rule applies (a manual one stays).
 */
export function restartCase(
  ctx: AppContext,
  viewer: CaseViewer,
  c: Case,
  input: { ifMatch: number | null; remark?: string | undefined },
): Promise<Case> {
  return operateOnCase(ctx, viewer, c, 'restart', {
    ifMatch: input.ifMatch,
    plan: async (before, type, now) => ({
      after: {
        ...before,
        ...dueAfterRestart(
          await slaFor(ctx.db, before.tenantId, before.typeId),
          before,
          before.priority,
          now,
        ),
        state: 'open',
        status: type.process[0] ?? before.status,
        reopenCount: before.reopenCount + 1,
        closedAt: null,
        slaStartedAt: now.toISOString(),
        pausedMsSinceStart: 0,
      },
      kind: 'restarted',
      remark: input.remark,
    }),
  });
}
