import type { Executor } from '../../db/connection.js';
import { fromJson, toJson } from '../../db/json.js';
import type { OusTable } from '../../db/schema.js';
import type { Ou } from './org.js';

function toOu(row: OusTable): Ou {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    name: row.name,
    parentId: row.parent_id,
    leaderIds: fromJson<string[]>(row.leader_ids),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRow(ou: Ou): OusTable {
  return {
    tenant_id: ou.tenantId,
    id: ou.id,
    name: ou.name,
    parent_id: ou.parentId,
    leader_ids: toJson(ou.leaderIds),
    created_at: ou.createdAt,
    updated_at: ou.updatedAt,
  };
}

export async function findOu(db: Executor, tenantId: string, id: string): Promise<Ou | undefined> {
  const row = await db
    .selectFrom('ous')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toOu(row);
}

export async function listOus(db: Executor, tenantId: string): Promise<Ou[]> {
  const rows = await db
    .selectFrom('ous')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map(toOu);
}

export async function findOuByName(db: Executor, tenantId: string, name: string): Promise<Ou | undefined> {
  const row = await db
    .selectFrom('ous')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row && toOu(row);
}

export async function insertOu(db: Executor, ou: Ou): Promise<void> {
  await db.insertInto('ous').values(toRow(ou)).execute();
}

export async function updateOuRow(db: Executor, ou: Ou): Promise<void> {
  const { tenant_id: _t, id: _i, created_at: _c, ...changes } = toRow(ou);
  await db
    .updateTable('ous')
    .set(changes)
    .where('tenant_id', '=', ou.tenantId)
    .where('id', '=', ou.id)
    .execute();
}

export async function deleteOuRow(db: Executor, tenantId: string, id: string): Promise<void> {
  await db.deleteFrom('ous').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** The tables whose rows may carry an OU (`ou_id`); each keeps the OU from being deleted. */
const TABLES_WITH_OU = ['users', 'case_types', 'queues', 'customers', 'cases'] as const;

/** Whether anything still points at the OU: child OUs, or a user, case type, queue, customer or case. */
export async function isOuReferenced(db: Executor, tenantId: string, id: string): Promise<boolean> {
  const child = await db
    .selectFrom('ous')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('parent_id', '=', id)
    .limit(1)
    .executeTakeFirst();
  if (child) return true;
  for (const table of TABLES_WITH_OU) {
    const row = await db
      .selectFrom(table)
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('ou_id', '=', id)
      .limit(1)
      .executeTakeFirst();
    if (row) return true;
  }
  return false;
}
