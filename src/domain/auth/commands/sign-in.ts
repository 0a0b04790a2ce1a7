import { newId } from '../../../lib/ids.js';
import { randomSecret, sha256 } from '../../../lib/secrets.js';
import type { AppContext } from '../../context.js';
import type { Tenant, User } from '../../org/org.js';
import { findTenantBySlug } from '../../org/tenants.repository.js';
import { findUserByEmail } from '../../org/users.repository.js';
import { AppError } from '../../shared/errors.js';
import { formatSessionCookie } from '../credentials.js';
import { insertSession } from '../sessions.repository.js';
import { clearThrottle, lockedUntil, recordFailure } from '../throttle.repository.js';

export interface SignInInput {
  tenant: string;
  email: string;
  password: string;
  /** The client's socket address: failures are also counted per client. */
  clientAddress: string;
}

export interface SignInResult {
  cookie: string;
  csrfToken: string;
  user: User;
  tenant: Tenant;
}

let dummyHash: Promise<string> | undefined;

function rateLimited(until: string, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((new Date(until).getTime() - now.getTime()) / 1000));
  return new AppError(
    'rate_limited',
    `Too many failed sign-ins. Try again in ${seconds} seconds.`,
    undefined,
    {
      'Retry-After': String(seconds),
    },
  );
}

/**
 * Checks a password and opens a session. Failures are throttled (SPEC §13): an account is locked after
 * N failures in a row, a client after M failures within a window, unknown tenants and e-mails
 * included. While locked, no password is even checked.
 */
export async function signIn(ctx: AppContext, input: SignInInput): Promise<SignInResult> {
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const { signIn: limits } = ctx.config;
  const clientKey = `client:${input.clientAddress}`;

  const clientLock = await lockedUntil(ctx.db, clientKey);
  if (clientLock && clientLock > nowIso) throw rateLimited(clientLock, now);

  const tenant = await findTenantBySlug(ctx.db, input.tenant.trim().toLowerCase());
  const user = tenant ? await findUserByEmail(ctx.db, tenant.id, input.email.trim()) : undefined;
  const accountKey = user ? `account:${user.tenantId}:${user.id}` : null;
  if (accountKey) {
    const accountLock = await lockedUntil(ctx.db, accountKey);
    if (accountLock && accountLock > nowIso) throw rateLimited(accountLock, now);
  }

  // Verify against a dummy hash when there is no user, so that timing does not reveal which e-mails exist.
  dummyHash ??= ctx.passwords.hash(randomSecret());
  const passwordOk = await ctx.passwords.verify(user?.passwordHash ?? (await dummyHash), input.password);

  if (!tenant || !user || user.disabled || !passwordOk) {
    await recordFailure(ctx.db, clientKey, {
      now: nowIso,
      windowStartCutoff: new Date(now.getTime() - limits.clientWindowMs).toISOString(),
      max: limits.clientMaxFailures,
      lockUntil: new Date(now.getTime() + limits.clientWindowMs).toISOString(),
    });
    if (accountKey) {
      await recordFailure(ctx.db, accountKey, {
        now: nowIso,
        windowStartCutoff: null,
        max: limits.accountMaxFailures,
        lockUntil: new Date(now.getTime() + limits.accountLockMs).toISOString(),
      });
    }
    throw new AppError('unauthenticated', 'The tenant, e-mail or password is not correct.');
  }

  if (accountKey) await clearThrottle(ctx.db, accountKey);
  const sessionId = newId();
  const secret = randomSecret();
  const csrfToken = randomSecret();
  await insertSession(ctx.db, {
    tenant_id: tenant.id,
    id: sessionId,
    secret_hash: sha256(secret),
    user_id: user.id,
    csrf_token: csrfToken,
    created_at: nowIso,
    last_seen_at: nowIso,
    expires_at: new Date(now.getTime() + ctx.config.sessionIdleMs).toISOString(),
  });
  return {
    cookie: formatSessionCookie({ tenantId: tenant.id, id: sessionId, secret }),
    csrfToken,
    user,
    tenant,
  };
}
