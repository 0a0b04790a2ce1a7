import type { AppContext } from '../../context.js';
import { revokeApiTokenRow, type ApiTokenRow } from '../tokens.repository.js';

/** Revokes a token: every later request with it is 401. */
export async function revokeApiToken(ctx: AppContext, token: ApiTokenRow): Promise<void> {
  await revokeApiTokenRow(ctx.db, token.tenant_id, token.id, ctx.clock.now().toISOString());
}
