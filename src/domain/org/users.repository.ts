import { sql } from 'kysely';
import type { Language } from '../../../contract/common.js';
import type { Executor } from '../../db/connection.js';
import { fromBool, toBool } from '../../db/json.js';
import { invalidField } from '../shared/errors.js';
import { decodeCursor, encodeCursor, TOTAL_CAP } from '../shared/pagination.js';
import type { UsersTable } from '../../db/schema.js';
import type { User } from './org.js';

function toUser(row: UsersTable, roleIds: string[]): User {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    email: row.email,
    name: row.name,
    passwordHash: row.password_hash,
    ouId: row.ou_id,
    phone: row.phone,
    tenantAdmin: toBool(row.tenant_admin),
    disabled: toBool(row.disabled),
    language: row.language as Language | null,
    timeZone: row.time_zone,
    roleIds,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function roleIdsByUser(
  db: Executor,
  tenantId: string,
  userIds: string[],
): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (userIds.length === 0) return map;
  const rows = await db
    .selectFrom('user_roles')
    .select(['user_id', 'role_id'])
    .where('tenant_id', '=', tenantId)
    .where('user_id', 'in', userIds)
    .orderBy('role_id')
    .execute();
  for (const row of rows) {
    const list = map.get(row.user_id) ?? [];
    list.push(row.role_id);
    map.set(row.user_id, list);
  }
  return map;
}

export async function findUser(db: Executor, tenantId: string, id: string): Promise<User | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const roles = await roleIdsByUser(db, tenantId, [row.id]);
  return toUser(row, roles.get(row.id) ?? []);
}

export async function findUserByEmail(
  db: Executor,
  tenantId: string,
  email: string,
): Promise<User | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
  if (!row) return undefined;
  const roles = await roleIdsByUser(db, tenantId, [row.id]);
  return toUser(row, roles.get(row.id) ?? []);
}

export interface UserFilter {
  q?: string | undefined;
  ouId?: string | undefined;
  includeDisabled?: boolean | undefined;
  /** Whether `q` also matches e-mail addresses (off for callers who may not see them). */
  searchEmail?: boolean | undefined;
}

function filteredUsers(db: Executor, tenantId: string, filter: UserFilter) {
  let query = db.selectFrom('users').where('tenant_id', '=', tenantId);
  if (!filter.includeDisabled) query = query.where('disabled', '=', 0);
  if (filter.ouId) query = query.where('ou_id', '=', filter.ouId);
  if (filter.q) {
    const pattern = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // SQLite has no default escape character for LIKE (PostgreSQL's is the backslash): name it for both.
    const like = sql<string>`${pattern} escape '\\'`;
    const searchEmail = filter.searchEmail ?? true;
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['name']), 'like', like),
        ...(searchEmail ? [eb('email', 'like', like)] : []),
      ]),
    );
  }
  return query;
}

export async function listUsers(db: Executor, tenantId: string, filter: UserFilter = {}): Promise<User[]> {
  const rows = await filteredUsers(db, tenantId, filter).selectAll().orderBy('name').orderBy('id').execute();
  const roles = await roleIdsByUser(
    db,
    tenantId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toUser(r, roles.get(r.id) ?? []));
}

/** One page of users ordered by name, with a keyset cursor and a capped total. */
export async function pageUsers(
  db: Executor,
  tenantId: string,
  filter: UserFilter,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ users: User[]; nextCursor: string | null; total: number; totalCapped: boolean }> {
  let query = filteredUsers(db, tenantId, filter).selectAll();
  if (page.cursor) {
    const [name, id] = decodeCursor(page.cursor, 2);
    if (typeof name !== 'string' || typeof id !== 'string')
      throw invalidField('cursor', 'Not a cursor from this list.');
    query = query.where((eb) =>
      eb.or([eb('name', '>', name), eb.and([eb('name', '=', name), eb('id', '>', id)])]),
    );
  }
  const rows = await query
    .orderBy('name')
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
  const pageRows = rows.slice(0, page.limit);
  const roles = await roleIdsByUser(
    db,
    tenantId,
    pageRows.map((r) => r.id),
  );
  const last = pageRows.at(-1);
  const counted = await db
    .selectFrom(
      filteredUsers(db, tenantId, filter)
        .select('id')
        .limit(TOTAL_CAP + 1)
        .as('matching'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return {
    users: pageRows.map((r) => toUser(r, roles.get(r.id) ?? [])),
    nextCursor: rows.length > page.limit && last ? encodeCursor([last.name, last.id]) : null,
    total: Math.min(counted.n, TOTAL_CAP),
    totalCapped: counted.n > TOTAL_CAP,
  };
}

/** Which of the given ids name users of the tenant (disabled ones included). */
export async function existingUserIds(
  db: Executor,
  tenantId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function countActiveTenantAdmins(db: Executor, tenantId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('tenant_admin', '=', 1)
    .where('disabled', '=', 0)
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function insertUser(db: Executor, user: User): Promise<void> {
  await db
    .insertInto('users')
    .values({
      tenant_id: user.tenantId,
      id: user.id,
      email: user.email,
      name: user.name,
      password_hash: user.passwordHash,
      ou_id: user.ouId,
      phone: user.phone,
      tenant_admin: fromBool(user.tenantAdmin),
      disabled: fromBool(user.disabled),
      language: user.language,
      time_zone: user.timeZone,
      created_at: user.createdAt,
      updated_at: user.updatedAt,
    })
    .execute();
  await replaceUserRoles(db, user.tenantId, user.id, user.roleIds);
}

export async function updateUserRow(db: Executor, user: User): Promise<void> {
  await db
    .updateTable('users')
    .set({
      email: user.email,
      name: user.name,
      password_hash: user.passwordHash,
      ou_id: user.ouId,
      phone: user.phone,
      tenant_admin: fromBool(user.tenantAdmin),
      disabled: fromBool(user.disabled),
      language: user.language,
      time_zone: user.timeZone,
      updated_at: user.updatedAt,
    })
    .where('tenant_id', '=', user.tenantId)
    .where('id', '=', user.id)
    .execute();
}

export async function replaceUserRoles(
  db: Executor,
  tenantId: string,
  userId: string,
  roleIds: string[],
): Promise<void> {
  await db.deleteFrom('user_roles').where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
  if (roleIds.length > 0) {
    await db
      .insertInto('user_roles')
      .values(
        [...new Set(roleIds)].map((roleId) => ({ tenant_id: tenantId, user_id: userId, role_id: roleId })),
      )
      .execute();
  }
}
