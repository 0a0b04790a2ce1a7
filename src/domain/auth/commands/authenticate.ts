import { constantTimeEqual, sha256 } from '../../../lib/secrets.js';
import type { Actor, AppContext } from '../../context.js';
import { loadActor } from '../actor.js';
import { parseApiToken, parseSessionCookie } from '../credentials.js';
import { findApiToken, markApiTokenUsed } from '../tokens.repository.js';
import { deleteSession, findSession, touchSession } from '../sessions.repository.js';

// Sliding expiry is written at most this often, so that a busy user does not cause a write per request.
const TOUCH_INTERVAL_MS = 5 * 60_000;

/** The actor behind a session cookie, or null when the session is unknown, expired or its user disabled. */
export async function authenticateSession(ctx: AppContext, cookie: string): Promise<Actor | null> {
  const parsed = parseSessionCookie(cookie);
  if (!parsed) return null;
  const session = await findSession(ctx.db, parsed.tenantId, parsed.id);
  if (!session || !constantTimeEqual(session.secret_hash, sha256(parsed.secret))) return null;
  const now = ctx.clock.now();
  if (session.expires_at <= now.toISOString()) {
    await deleteSession(ctx.db, session.tenant_id, session.id);
    return null;
  }
  if (now.getTime() - new Date(session.last_seen_at).getTime() > TOUCH_INTERVAL_MS) {
    await touchSession(
      ctx.db,
      session.tenant_id,
      session.id,
      now.toISOString(),
      new Date(now.getTime() + ctx.config.sessionIdleMs).toISOString(),
    );
  }
  return loadActor(ctx.db, session.tenant_id, session.user_id, {
    kind: 'session',
    sessionId: session.id,
    csrfToken: session.csrf_token,
  });
}

/** The actor behind a bearer token, or null when it is unknown, revoked, expired or its user disabled. */
export async function authenticateToken(ctx: AppContext, bearer: string): Promise<Actor | null> {
  const parsed = parseApiToken(bearer);
  if (!parsed) return null;
  const token = await findApiToken(ctx.db, parsed.tenantId, parsed.id);
  if (!token || !constantTimeEqual(token.secret_hash, sha256(parsed.secret))) return null;
  const now = ctx.clock.now();
  if (token.revoked_at !== null) return null;
  if (token.expires_at !== null && token.expires_at <= now.toISOString()) return null;
  if (
    token.last_used_at === null ||
    now.getTime() - new Date(token.last_used_at).getTime() > TOUCH_INTERVAL_MS
  ) {
    await markApiTokenUsed(ctx.db, token.tenant_id, token.id, now.toISOString());
  }
  return loadActor(ctx.db, token.tenant_id, token.user_id, { kind: 'token', tokenId: token.id });
}
