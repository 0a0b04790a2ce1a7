import type { FastifyRequest } from 'fastify';
import { sha256 } from '../lib/secrets.js';
import { isUniqueViolation } from '../db/errors.js';
import type { Actor, AppContext } from '../domain/context.js';
import { AppError } from '../domain/shared/errors.js';
import type { SerializedResponse } from './route.js';

const KEEP_MS = 24 * 3_600_000;
const WAIT_STEP_MS = 50;
const WAIT_LIMIT_MS = 30_000;

/**
 * Runs a creating request at most once per `Idempotency-Key` (scoped to the user and the request
 * path, kept 24 hours). A repeat with the same body gets the first response; one arriving while the
 * first still runs waits for it; a different body is 422 `idempotency_key_reused`. A request that
 * failed leaves no key behind, so the client may retry it.
 */
export async function withIdempotency(
  ctx: AppContext,
  actor: Actor,
  request: FastifyRequest,
  produce: () => Promise<SerializedResponse>,
): Promise<{ response: SerializedResponse; replayed: boolean }> {
  const header = request.headers['idempotency-key'];
  const key = Array.isArray(header) ? header[0] : header;
  if (key === undefined) return { response: await produce(), replayed: false };
  if (key.length < 1 || key.length > 255) {
    throw new AppError('validation_failed', 'The Idempotency-Key header must have 1 to 255 characters.', [
      { field: 'Idempotency-Key', message: 'must have 1 to 255 characters' },
    ]);
  }
  const scope = {
    tenant_id: actor.tenantId,
    user_id: actor.userId,
    route: `${request.method} ${request.url.split('?')[0] ?? ''}`,
    key,
  };
  const requestHash = sha256(canonicalJson(request.body ?? null));
  const now = ctx.clock.now();

  const where = () =>
    ctx.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('tenant_id', '=', scope.tenant_id)
      .where('user_id', '=', scope.user_id)
      .where('route', '=', scope.route)
      .where('key', '=', scope.key);

  for (;;) {
    try {
      await ctx.db
        .insertInto('idempotency_keys')
        .values({
          ...scope,
          request_hash: requestHash,
          state: 'running',
          status_code: null,
          response_body: null,
          created_at: now.toISOString(),
        })
        .execute();
      break;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const existing = await where().executeTakeFirst();
    if (!existing) continue; // the first request failed and released the key meanwhile
    if (new Date(existing.created_at).getTime() + KEEP_MS < now.getTime()) {
      await deleteKey(ctx, scope);
      continue;
    }
    if (existing.request_hash !== requestHash) {
      throw new AppError(
        'idempotency_key_reused',
        'This Idempotency-Key was used with a different request body.',
      );
    }
    const done = existing.state === 'done' ? existing : await waitForCompletion(where);
    if (!done) continue;
    return {
      response: {
        status: done.status_code ?? 200,
        body: done.response_body,
        contentType: 'application/json; charset=utf-8',
      },
      replayed: true,
    };
  }

  try {
    const response = await produce();
    await ctx.db
      .updateTable('idempotency_keys')
      .set({ state: 'done', status_code: response.status, response_body: response.body })
      .where('tenant_id', '=', scope.tenant_id)
      .where('user_id', '=', scope.user_id)
      .where('route', '=', scope.route)
      .where('key', '=', scope.key)
      .execute();
    return { response, replayed: false };
  } catch (error) {
    await deleteKey(ctx, scope);
    throw error;
  }
}

/** JSON with object keys sorted, so that the same body with its keys in another order is the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

type KeyRow = { state: string; status_code: number | null; response_body: string | null };

async function waitForCompletion(
  read: () => { executeTakeFirst(): Promise<KeyRow | undefined> },
): Promise<KeyRow | undefined> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
    const row = await read().executeTakeFirst();
    if (!row) return undefined;
    if (row.state === 'done') return row;
  }
  throw new AppError('service_unavailable', 'The first request with this Idempotency-Key is still running.');
}

async function deleteKey(
  ctx: AppContext,
  scope: { tenant_id: string; user_id: string; route: string; key: string },
): Promise<void> {
  await ctx.db
    .deleteFrom('idempotency_keys')
    .where('tenant_id', '=', scope.tenant_id)
    .where('user_id', '=', scope.user_id)
    .where('route', '=', scope.route)
    .where('key', '=', scope.key)
    .execute();
}
