import type { Executor } from '../../db/connection.js';
import { DAY_MS } from '../../lib/clock.js';
import type { Case } from '../cases/case.js';
import { signEvaluationLink, signingSecret } from './signed-links.js';

export const EVALUATION_LINK_LIFETIME_MS = 14 * DAY_MS;

/**
 * The customer's link for the case's current closing. It is minted from the closing itself (case,
 * closing number, closing time + 14 days), so every process makes the same link without storing it,
 * and a restart (a new closing number) supersedes it.
 */
export async function evaluationLinkOf(
  db: Executor,
  c: Case,
  publicUrl: string,
  now: Date,
): Promise<{ url: string; token: string; expiresAt: string } | null> {
  if (c.state !== 'closed' || c.closedAt === null) return null;
  const expires = new Date(c.closedAt).getTime() + EVALUATION_LINK_LIFETIME_MS;
  const token = signEvaluationLink(await signingSecret(db, now), {
    t: c.tenantId,
    c: c.id,
    n: c.reopenCount,
    e: expires,
  });
  return { url: `${publicUrl}/evaluate/${token}`, token, expiresAt: new Date(expires).toISOString() };
}
