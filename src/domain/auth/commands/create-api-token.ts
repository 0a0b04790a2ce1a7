import { newId } from '../../../lib/ids.js';
import { randomSecret, sha256 } from '../../../lib/secrets.js';
import type { Actor, AppContext } from '../../context.js';
import { invalidField } from '../../shared/errors.js';
import { formatApiToken } from '../credentials.js';
import { insertApiToken, type ApiTokenRow } from '../tokens.repository.js';

/**
 * Creates a personal API token acting as the caller. The secret is returned once and only its hash is
 * kept, so a lost token cannot be shown again, only revoked and replaced.
 */
export async function createApiToken(
  ctx: AppContext,
  actor: Actor,
  input: { name: string; expiresAt?: string | null | undefined },
): Promise<{ row: ApiTokenRow; token: string }> {
  const now = ctx.clock.now();
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt.getTime() <= now.getTime()) {
    throw invalidField('expiresAt', 'The expiry must lie in the future.');
  }
  const id = newId();
  const secret = randomSecret();
  const row: ApiTokenRow = {
    tenant_id: actor.tenantId,
    id,
    user_id: actor.userId,
    name: input.name,
    secret_hash: sha256(secret),
    created_at: now.toISOString(),
    expires_at: expiresAt ? expiresAt.toISOString() : null,
    revoked_at: null,
    last_used_at: null,
  };
  await insertApiToken(ctx.db, row);
  return { row, token: formatApiToken({ tenantId: actor.tenantId, id, secret }) };
}
