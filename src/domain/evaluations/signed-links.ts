import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Executor } from '../../db/connection.js';

const KEY_ID = 'customer-links';

/**
 * The secret that signs customer links, shared by every server process through the database and made
 * on first use. (A restore of the database keeps links valid; a new database invalidates them.)
 */
export async function signingSecret(db: Executor, now: Date): Promise<Buffer> {
  await db
    .insertInto('signing_keys')
    .values({ id: KEY_ID, secret: randomBytes(32).toString('base64url'), created_at: now.toISOString() })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const row = await db
    .selectFrom('signing_keys')
    .select('secret')
    .where('id', '=', KEY_ID)
    .executeTakeFirstOrThrow();
  return Buffer.from(row.secret, 'base64url');
}

export interface EvaluationClaim {
  /** tenant id */
  t: string;
  /** case id */
  c: string;
  /** the closing it is for: the case's reopen count when it closed */
  n: number;
  /** expiry, epoch milliseconds */
  e: number;
}

function mac(secret: Buffer, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

export function signEvaluationLink(secret: Buffer, claim: EvaluationClaim): string {
  const payload = Buffer.from(JSON.stringify(claim)).toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

/** The claim of a link whose signature is ours, else null (tampered with, or not a link at all). */
export function verifyEvaluationLink(secret: Buffer, token: string): EvaluationClaim | null {
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length > 0 || token.length > 1000) return null;
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claim = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<EvaluationClaim>;
    if (
      typeof claim.t !== 'string' ||
      typeof claim.c !== 'string' ||
      typeof claim.n !== 'number' ||
      typeof claim.e !== 'number'
    )
      return null;
    return { t: claim.t, c: claim.c, n: claim.n, e: claim.e };
  } catch {
    return null;
  }
}
