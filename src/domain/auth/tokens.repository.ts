import type { Executor } from '../../db/connection.js';
import type { ApiTokensTable } from '../../db/schema.js';

export type ApiTokenRow = ApiTokensTable;

export async function insertApiToken(db: Executor, row: ApiTokenRow): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

export async function findApiToken(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<ApiTokenRow | undefined> {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Live tokens (not revoked) of one user, or of the whole tenant when `userId` is null. */
export async function listApiTokens(
  db: Executor,
  tenantId: string,
  userId: string | null,
): Promise<ApiTokenRow[]> {
  let query = db
    .selectFrom('api_tokens')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('revoked_at', 'is', null);
  if (userId !== null) query = query.where('user_id', '=', userId);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

export async function markApiTokenUsed(
  db: Executor,
  tenantId: string,
  id: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export async function revokeApiTokenRow(
  db: Executor,
  tenantId: string,
  id: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}
