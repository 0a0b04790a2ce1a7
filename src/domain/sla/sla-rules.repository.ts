import type { Executor } from '../../db/connection.js';
import { fromBool, fromJson, toBool, toJson } from '../../db/json.js';
import type { SlaRulesTable } from '../../db/schema.js';
import type { SlaRule, SlaTargets } from './calendar.js';

function toSlaRule(row: SlaRulesTable): SlaRule {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    name: row.name,
    caseTypeId: row.case_type_id,
    targets: fromJson<SlaTargets>(row.targets),
    warnBeforeMinutes: row.warn_before_minutes,
    calendarId: row.calendar_id,
    active: toBool(row.active),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findSlaRule(db: Executor, tenantId: string, id: string): Promise<SlaRule | undefined> {
  const row = await db
    .selectFrom('sla_rules')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toSlaRule(row) : undefined;
}

export async function findSlaRuleByName(
  db: Executor,
  tenantId: string,
  name: string,
): Promise<SlaRule | undefined> {
  const row = await db
    .selectFrom('sla_rules')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row ? toSlaRule(row) : undefined;
}

export async function listSlaRules(db: Executor, tenantId: string): Promise<SlaRule[]> {
  const rows = await db
    .selectFrom('sla_rules')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map(toSlaRule);
}

/** The active rule for one case type (`null`: the tenant default), if any. */
export async function findActiveSlaRule(
  db: Executor,
  tenantId: string,
  caseTypeId: string | null,
): Promise<SlaRule | undefined> {
  const row = await db
    .selectFrom('sla_rules')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('active', '=', 1)
    .where((eb) =>
      caseTypeId === null ? eb('case_type_id', 'is', null) : eb('case_type_id', '=', caseTypeId),
    )
    .orderBy('id')
    .executeTakeFirst();
  return row ? toSlaRule(row) : undefined;
}

/** Whether any rule, active or not, measures its targets with this calendar. */
export async function isCalendarUsed(db: Executor, tenantId: string, calendarId: string): Promise<boolean> {
  const row = await db
    .selectFrom('sla_rules')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('calendar_id', '=', calendarId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

function toRow(rule: SlaRule): Omit<SlaRulesTable, 'tenant_id' | 'id' | 'created_at'> {
  return {
    name: rule.name,
    case_type_id: rule.caseTypeId,
    targets: toJson(rule.targets),
    warn_before_minutes: rule.warnBeforeMinutes,
    calendar_id: rule.calendarId,
    active: fromBool(rule.active),
    updated_at: rule.updatedAt,
  };
}

export async function insertSlaRule(db: Executor, rule: SlaRule): Promise<void> {
  await db
    .insertInto('sla_rules')
    .values({ tenant_id: rule.tenantId, id: rule.id, created_at: rule.createdAt, ...toRow(rule) })
    .execute();
}

export async function updateSlaRuleRow(db: Executor, rule: SlaRule): Promise<void> {
  await db
    .updateTable('sla_rules')
    .set(toRow(rule))
    .where('tenant_id', '=', rule.tenantId)
    .where('id', '=', rule.id)
    .execute();
}

export async function deleteSlaRuleRow(db: Executor, tenantId: string, id: string): Promise<void> {
  await db.deleteFrom('sla_rules').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}
