import type { AppContext } from '../../context.js';
import { AppError, invalidField } from '../../shared/errors.js';
import type { Case } from '../case.js';
import type { CaseViewer } from '../case.policy.js';
import { operateOnCase } from '../operate.js';

/**
 * Moves an open case to another status of its process: only the next one under strict order, any
 * other one otherwise.
 */
export function moveCaseStatus(
  ctx: AppContext,
  viewer: CaseViewer,
  c: Case,
  input: { ifMatch: number | null; status: string; remark?: string | undefined },
): Promise<Case> {
  return operateOnCase(ctx, viewer, c, 'status', {
    ifMatch: input.ifMatch,
    plan: (before, type) => {
      const target = type.process.indexOf(input.status);
      if (target < 0)
        throw invalidField('status', `"${input.status}" is not a status of this case's process.`);
      const current = type.process.indexOf(before.status);
      if (type.strictOrder && target !== current + 1) {
        const next = type.process[current + 1];
        throw new AppError(
          'status_order_violation',
          next
            ? `This process goes step by step: the next status is "${next}".`
            : 'The case is already in the last status of its process.',
        );
      }
      if (target === current)
        throw new AppError('case_invalid_transition', `The case is already in "${input.status}".`);
      return { after: { ...before, status: input.status }, kind: 'status', remark: input.remark };
    },
  });
}
