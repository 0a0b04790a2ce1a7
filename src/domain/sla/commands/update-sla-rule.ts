import type { z } from 'zod';
import { lockTenant } from '../../org/tenants.repository.js';
import type { updateSlaRuleBody } from '../../../../contract/sla.js';
import { isUniqueViolation } from '../../../db/errors.js';
import type { AppContext } from '../../context.js';
import { alreadyExists } from '../../shared/errors.js';
import type { SlaRule } from '../calendar.js';
import { assertNoActiveRuleConflict, assertRuleReferencesExist } from '../sla-rule-references.js';
import { findSlaRuleByName, updateSlaRuleRow } from '../sla-rules.repository.js';

const DUPLICATE = 'An SLA rule with this name';

/**
 * Changes an SLA rule; activating it (or moving an active rule to another case type) while another
 * active rule covers the same type is 409 `sla_rule_conflict`. Due times already set stay.
 */
export async function updateSlaRule(
  ctx: AppContext,
  rule: SlaRule,
  patch: z.output<typeof updateSlaRuleBody>,
): Promise<SlaRule> {
  const updated: SlaRule = {
    ...rule,
    name: patch.name ?? rule.name,
    caseTypeId: patch.caseTypeId === undefined ? rule.caseTypeId : patch.caseTypeId,
    targets: patch.targets ?? rule.targets,
    warnBeforeMinutes: patch.warnBeforeMinutes ?? rule.warnBeforeMinutes,
    calendarId: patch.calendarId === undefined ? rule.calendarId : patch.calendarId,
    active: patch.active ?? rule.active,
    updatedAt: ctx.clock.now().toISOString(),
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      // Serialises rule writes of the tenant, so two at once cannot both pass the one-active check.
      await lockTenant(trx, ctx.dialect, rule.tenantId);
      await assertRuleReferencesExist(trx, rule.tenantId, {
        caseTypeId: updated.caseTypeId !== rule.caseTypeId ? updated.caseTypeId : null,
        calendarId: updated.calendarId !== rule.calendarId ? updated.calendarId : null,
      });
      if (updated.name !== rule.name) {
        const clash = await findSlaRuleByName(trx, rule.tenantId, updated.name);
        if (clash && clash.id !== rule.id) throw alreadyExists('name', DUPLICATE);
      }
      await assertNoActiveRuleConflict(trx, updated);
      await updateSlaRuleRow(trx, updated);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists('name', DUPLICATE);
    throw error;
  }
  return updated;
}
