import type { Actor, AppContext } from '../../context.js';
import { deleteSession } from '../sessions.repository.js';

/** Ends the caller's session on the server: the cookie is worthless afterwards, even if kept. */
export async function signOut(ctx: AppContext, actor: Actor): Promise<void> {
  if (actor.auth.kind === 'session') await deleteSession(ctx.db, actor.tenantId, actor.auth.sessionId);
}
