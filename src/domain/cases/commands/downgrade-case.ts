import type { AppContext } from '../../context.js';
import type { Case } from '../case.js';
import type { CaseViewer } from '../case.policy.js';
import { changeCasePriority } from './change-case-priority.js';

/** Lowers the priority one step (`case.upgrade`, or the owner). */
export function downgradeCase(
  ctx: AppContext,
  viewer: CaseViewer,
  c: Case,
  input: { ifMatch: number | null; remark?: string | undefined },
): Promise<Case> {
  return changeCasePriority(ctx, viewer, c, 'downgrade', input);
}
