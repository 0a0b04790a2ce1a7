import type { AppContext } from '../../context.js';
import type { SlaRule } from '../calendar.js';
import { deleteSlaRuleRow } from '../sla-rules.repository.js';

/** Deletes an SLA rule. Due times it set stay on their cases; nothing is recomputed. */
export async function deleteSlaRule(ctx: AppContext, rule: SlaRule): Promise<void> {
  await deleteSlaRuleRow(ctx.db, rule.tenantId, rule.id);
}
