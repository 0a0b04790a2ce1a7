import type { Permission } from '../../../contract/permissions.js';
import type { Executor } from '../../db/connection.js';
import { fromJson, toJson } from '../../db/json.js';
import type { RolesTable } from '../../db/schema.js';
import type { Role } from './org.js';

function toRole(row: RolesTable): Role {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    name: row.name,
    permissions: fromJson<Permission[]>(row.permissions),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findRole(db: Executor, tenantId: string, id: string): Promise<Role | undefined> {
  const row = await db
    .selectFrom('roles')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toRole(row);
}

export async function findRoleByName(
  db: Executor,
  tenantId: string,
  name: string,
): Promise<Role | undefined> {
  const row = await db
    .selectFrom('roles')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row && toRole(row);
}

export async function listRoles(db: Executor, tenantId: string): Promise<Role[]> {
  const rows = await db
    .selectFrom('roles')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('name')
    .execute();
  return rows.map(toRole);
}

export async function insertRole(db: Executor, role: Role): Promise<void> {
  await db
    .insertInto('roles')
    .values({
      tenant_id: role.tenantId,
      id: role.id,
      name: role.name,
      permissions: toJson(role.permissions),
      created_at: role.createdAt,
      updated_at: role.updatedAt,
    })
    .execute();
}

export async function updateRoleRow(db: Executor, role: Role): Promise<void> {
  await db
    .updateTable('roles')
    .set({ name: role.name, permissions: toJson(role.permissions), updated_at: role.updatedAt })
    .where('tenant_id', '=', role.tenantId)
    .where('id', '=', role.id)
    .execute();
}

export async function deleteRoleRow(db: Executor, tenantId: string, id: string): Promise<void> {
  await db.deleteFrom('roles').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function isRoleAssigned(db: Executor, tenantId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('user_roles')
    .select('user_id')
    .where('tenant_id', '=', tenantId)
    .where('role_id', '=', id)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Which of the given ids name roles of the tenant. */
export async function existingRoleIds(
  db: Executor,
  tenantId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('roles')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** The union of the permissions of the user's roles. */
export async function permissionsOfUser(
  db: Executor,
  tenantId: string,
  userId: string,
): Promise<Permission[]> {
  const rows = await db
    .selectFrom('user_roles')
    .innerJoin('roles', (join) =>
      join.onRef('roles.tenant_id', '=', 'user_roles.tenant_id').onRef('roles.id', '=', 'user_roles.role_id'),
    )
    .select('roles.permissions')
    .where('user_roles.tenant_id', '=', tenantId)
    .where('user_roles.user_id', '=', userId)
    .execute();
  return [...new Set(rows.flatMap((r) => fromJson<Permission[]>(r.permissions)))];
}
