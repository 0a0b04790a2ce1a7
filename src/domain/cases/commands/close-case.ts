import type { AppContext } from '../../context.js';
import { AppError } from '../../shared/errors.js';
import type { Case } from '../case.js';
import type { CaseViewer } from '../case.policy.js';
import { operateOnCase } from '../operate.js';

/** Closes an open case that has reached the last status of its process. */
export function closeCase(
  ctx: AppContext,
  viewer: CaseViewer,
  c: Case,
  input: { ifMatch: number | null; remark?: string | undefined },
): Promise<Case> {
  return operateOnCase(ctx, viewer, c, 'close', {
    ifMatch: input.ifMatch,
    plan: (before, type, now) => {
      const last = type.process.at(-1);
      if (before.status !== last) {
        throw new AppError(
          'case_not_in_last_status',
          `Move the case to "${last ?? ''}", the last status of its process, before closing it.`,
        );
      }
      return {
        after: { ...before, state: 'closed', closedAt: now.toISOString() },
        kind: 'closed',
        remark: input.remark,
      };
    },
  });
}
