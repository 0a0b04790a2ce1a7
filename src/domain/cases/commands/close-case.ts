import type { Executor } from '../../../db/connection.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../shared/errors.js';
import { countOpenTasks } from '../../tasks/tasks.repository.js';
import type { Case, CaseTypeRules } from '../case.js';
import type { CaseViewer } from '../case.policy.js';
import { operateOnCase } from '../operate.js';

/** 409 `tasks_not_completed` when the type verifies tasks and one of the case's tasks is still open. */
async function assertTasksCompleted(db: Executor, c: Case, type: CaseTypeRules): Promise<void> {
  if (!type.verifyTasks) return;
  const open = await countOpenTasks(db, c.tenantId, c.id);
  if (open > 0) {
    throw new AppError(
      'tasks_not_completed',
      `Close needs every task completed: ${open} ${open === 1 ? 'is' : 'are'} still open.`,
    );
  }
}

/**
 * Closes an open case that has reached the last status of its process and, when its type verifies
 * tasks, whose tasks are all completed (checked after the last-status rule, SPEC §13).
 */
export function closeCase(
  ctx: AppContext,
  viewer: CaseViewer,
  c: Case,
  input: { ifMatch: number | null; remark?: string | undefined },
): Promise<Case> {
  return operateOnCase(ctx, viewer, c, 'close', {
    ifMatch: input.ifMatch,
    plan: async (before, type, now) => {
      const last = type.process.at(-1);
      if (before.status !== last) {
        throw new AppError(
          'case_not_in_last_status',
          `Move the case to "${last ?? ''}", the last status of its process, before closing it.`,
        );
      }
      await assertTasksCompleted(ctx.db, before, type);
      return {
        after: { ...before, state: 'closed', closedAt: now.toISOString() },
        kind: 'closed',
        remark: input.remark,
        // Counted again after the case row is written (and so locked on PostgreSQL): a task added or
        // reopened between the check above and this transaction would otherwise slip through. Task
        // writes share-lock the case row and re-read its state (tasks.repository.ts), so one of the two
        // always sees the other.
        alsoWrite: (trx, after) => assertTasksCompleted(trx, after, type),
      };
    },
  });
}
