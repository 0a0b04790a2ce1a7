import type { z } from 'zod';
import { lockTenant } from '../../org/tenants.repository.js';
import type { createSlaRuleBody } from '../../../../contract/sla.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { newId } from '../../../lib/ids.js';
import type { Actor, AppContext } from '../../context.js';
import { alreadyExists } from '../../shared/errors.js';
import type { SlaRule } from '../calendar.js';
import { assertNoActiveRuleConflict, assertRuleReferencesExist } from '../sla-rule-references.js';
import { findSlaRuleByName, insertSlaRule } from '../sla-rules.repository.js';

const DUPLICATE = 'An SLA rule with this name';

/** Creates an SLA rule for a case type, or the tenant default (no case type). */
export async function createSlaRule(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof createSlaRuleBody>,
): Promise<SlaRule> {
  const now = ctx.clock.now().toISOString();
  const rule: SlaRule = {
    tenantId: actor.tenantId,
    id: newId(),
    name: input.name,
    caseTypeId: input.caseTypeId ?? null,
    targets: input.targets,
    warnBeforeMinutes: input.warnBeforeMinutes,
    calendarId: input.calendarId ?? null,
    active: input.active,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      // Serialises rule writes of the tenant, so two at once cannot both pass the one-active check.
      await lockTenant(trx, ctx.dialect, actor.tenantId);
      await assertRuleReferencesExist(trx, actor.tenantId, rule);
      if (await findSlaRuleByName(trx, actor.tenantId, rule.name)) throw alreadyExists('name', DUPLICATE);
      await assertNoActiveRuleConflict(trx, rule);
      await insertSlaRule(trx, rule);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists('name', DUPLICATE);
    throw error;
  }
  return rule;
}
