import type { CustomFieldDefinition } from '../../../contract/config.js';
import type { Executor } from '../../db/connection.js';
import { fromBool, fromJson, toBool, toJson } from '../../db/json.js';
import type { CaseTypesTable } from '../../db/schema.js';
import type { CaseType } from './case-type.js';

function toCaseType(row: CaseTypesTable): CaseType {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    name: row.name,
    description: row.description,
    parentId: row.parent_id,
    ouId: row.ou_id,
    process: fromJson<string[]>(row.process),
    strictOrder: toBool(row.strict_order),
    verifyTasks: toBool(row.verify_tasks),
    enabled: toBool(row.enabled),
    customFields: fromJson<CustomFieldDefinition[]>(row.custom_fields),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRow(type: CaseType): CaseTypesTable {
  return {
    tenant_id: type.tenantId,
    id: type.id,
    name: type.name,
    description: type.description,
    parent_id: type.parentId,
    ou_id: type.ouId,
    process: toJson(type.process),
    strict_order: fromBool(type.strictOrder),
    verify_tasks: fromBool(type.verifyTasks),
    enabled: fromBool(type.enabled),
    custom_fields: toJson(type.customFields),
    created_at: type.createdAt,
    updated_at: type.updatedAt,
  };
}

export async function findCaseType(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<CaseType | undefined> {
  const row = await db
    .selectFrom('case_types')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toCaseType(row);
}

export async function findCaseTypeByName(
  db: Executor,
  tenantId: string,
  name: string,
): Promise<CaseType | undefined> {
  const row = await db
    .selectFrom('case_types')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row && toCaseType(row);
}

export async function listCaseTypes(
  db: Executor,
  tenantId: string,
  filter: { includeDisabled: boolean },
): Promise<CaseType[]> {
  let query = db.selectFrom('case_types').selectAll().where('tenant_id', '=', tenantId);
  if (!filter.includeDisabled) query = query.where('enabled', '=', 1);
  const rows = await query.orderBy('name').orderBy('id').execute();
  return rows.map(toCaseType);
}

/** Each type's parent, for walking the nesting without loading whole types. */
export async function caseTypeParents(db: Executor, tenantId: string): Promise<Map<string, string | null>> {
  const rows = await db
    .selectFrom('case_types')
    .select(['id', 'parent_id'])
    .where('tenant_id', '=', tenantId)
    .execute();
  return new Map(rows.map((r) => [r.id, r.parent_id]));
}

export async function insertCaseType(db: Executor, type: CaseType): Promise<void> {
  await db.insertInto('case_types').values(toRow(type)).execute();
}

export async function updateCaseTypeRow(db: Executor, type: CaseType): Promise<void> {
  const { tenant_id: _t, id: _i, created_at: _c, ...changes } = toRow(type);
  await db
    .updateTable('case_types')
    .set(changes)
    .where('tenant_id', '=', type.tenantId)
    .where('id', '=', type.id)
    .execute();
}

export async function deleteCaseTypeRow(db: Executor, tenantId: string, id: string): Promise<void> {
  await db.deleteFrom('case_types').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function hasChildCaseTypes(db: Executor, tenantId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('case_types')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('parent_id', '=', id)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether any case, in any state, is of this type. */
export async function hasCasesOfType(db: Executor, tenantId: string, typeId: string): Promise<boolean> {
  const row = await db
    .selectFrom('cases')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('type_id', '=', typeId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Which of the given statuses a case of the type still holds: as its current status, or as the
 * status a cancelled case returns to when resumed. Answered in the order given.
 */
export async function statusesHeldByCases(
  db: Executor,
  tenantId: string,
  typeId: string,
  statuses: readonly string[],
): Promise<string[]> {
  if (statuses.length === 0) return [];
  const wanted = [...statuses];
  const rows = await db
    .selectFrom('cases')
    .select(['status', 'prior_status'])
    .distinct()
    .where('tenant_id', '=', tenantId)
    .where('type_id', '=', typeId)
    .where((eb) => eb.or([eb('status', 'in', wanted), eb('prior_status', 'in', wanted)]))
    .execute();
  const held = new Set(rows.flatMap((r) => [r.status, r.prior_status]));
  return statuses.filter((s) => held.has(s));
}
