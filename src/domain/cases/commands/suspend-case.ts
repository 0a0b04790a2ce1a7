import type { AppContext } from '../../context.js';
import type { Case } from '../case.js';
import type { CaseViewer } from '../case.policy.js';
import { operateOnCase, pauseClock } from '../operate.js';

/** Suspends an open case; its SLA clock stops until it is resumed. */
export function suspendCase(
  ctx: AppContext,
  viewer: CaseViewer,
  c: Case,
  input: { ifMatch: number | null; remark?: string | undefined },
): Promise<Case> {
  return operateOnCase(ctx, viewer, c, 'suspend', {
    ifMatch: input.ifMatch,
    plan: (before, _type, now) => ({
      after: { ...before, state: 'suspended', ...pauseClock(before, now) },
      kind: 'suspended',
      remark: input.remark,
    }),
  });
}
