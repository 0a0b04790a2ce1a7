import type { Executor } from '../../db/connection.js';
import { fromJson, toBool } from '../../db/json.js';
import type { CaseTypeRules } from './case.js';

/** What the case rules need of a case type (its process, order, fields); the type's own CRUD lives in config. */
export async function findCaseTypeRules(
  db: Executor,
  tenantId: string,
  typeId: string,
): Promise<CaseTypeRules | undefined> {
  const row = await db
    .selectFrom('case_types')
    .select(['id', 'name', 'enabled', 'process', 'strict_order', 'verify_tasks', 'ou_id', 'custom_fields'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', typeId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    name: row.name,
    enabled: toBool(row.enabled),
    process: fromJson<string[]>(row.process),
    strictOrder: toBool(row.strict_order),
    verifyTasks: toBool(row.verify_tasks),
    ouId: row.ou_id,
    customFields: fromJson<CaseTypeRules['customFields']>(row.custom_fields),
  };
}

/** The rules of several types at once (for lists). */
export async function caseTypeRulesByIds(
  db: Executor,
  tenantId: string,
  typeIds: readonly string[],
): Promise<Map<string, CaseTypeRules>> {
  const map = new Map<string, CaseTypeRules>();
  for (const id of new Set(typeIds)) {
    const rules = await findCaseTypeRules(db, tenantId, id);
    if (rules) map.set(id, rules);
  }
  return map;
}
