import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { ErrorCode } from '../../contract/errors.js';
import type { Permission } from '../../contract/permissions.js';
import { hasPermission, type Actor, type AppContext } from '../domain/context.js';
import { AppError, forbidden, type FieldError } from '../domain/shared/errors.js';
import { withIdempotency } from './idempotency.js';
import { MALFORMED_JSON } from './json-body.js';

/**
 * Who may call a route at all. Finer, per-object rules (the case owner, a task's handler, ...) are the
 * domain policies' business; this is the gate every route must declare.
 */
export type RoutePolicy =
  | { access: 'public' }
  | { access: 'signedIn' }
  | { access: 'permission'; permission: Permission }
  | { access: 'tenantAdmin' };

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RouteShape<P, Q, B> {
  method: HttpMethod;
  /** Fastify path syntax: `/api/v1/ous/:id`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  response: { status: 200 | 201 | 204; schema?: z.ZodType; contentType?: string; description?: string };
  /** Error codes the route can answer with, beyond those its policy and inputs imply. */
  errors?: readonly ErrorCode[];
  /** Creating requests honour an `Idempotency-Key` header (API.md). */
  idempotent?: boolean;
  /** The handler writes the reply itself (downloads, server-sent events); its return value is ignored. */
  rawReply?: boolean;
  /** The body is `multipart/form-data` carrying one file in this field (read by the handler). */
  upload?: { field: string };
}

export interface HandlerInput<P, Q, B, L, A> {
  ctx: AppContext;
  actor: A;
  params: P;
  query: Q;
  body: B;
  loaded: L;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface SignedInRouteSpec<P, Q, B, L> extends RouteShape<P, Q, B> {
  policy: Exclude<RoutePolicy, { access: 'public' }>;
  /** Finds the resource the path names; throws `not_found` when the caller may not see it. */
  load?: (ctx: AppContext, actor: Actor, params: Record<string, string>) => Promise<L>;
  handle: (input: HandlerInput<P, Q, B, L, Actor>) => Promise<unknown>;
}

export interface PublicRouteSpec<P, Q, B> extends RouteShape<P, Q, B> {
  policy: { access: 'public' };
  handle: (input: HandlerInput<P, Q, B, undefined, Actor | null>) => Promise<unknown>;
}

/** A route with its types erased: what the app registers and the OpenAPI document describes. */
export interface RouteDefinition {
  meta: RouteShape<unknown, unknown, unknown> & { policy: RoutePolicy; hasLoader: boolean };
  /** Every error code the route can answer with, implied ones included. */
  errorCodes: ReadonlySet<ErrorCode>;
  execute(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): Promise<void>;
}

const UNSAFE_METHODS = new Set<HttpMethod>(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isUnsafeMethod(method: string): boolean {
  return UNSAFE_METHODS.has(method as HttpMethod);
}

function impliedErrorCodes(
  shape: RouteShape<unknown, unknown, unknown>,
  policy: RoutePolicy,
  hasLoader: boolean,
): Set<ErrorCode> {
  const codes = new Set<ErrorCode>(shape.errors ?? []);
  codes.add('internal_error');
  if (policy.access !== 'public') {
    codes.add('unauthenticated');
    if (UNSAFE_METHODS.has(shape.method)) codes.add('csrf_failed');
  }
  if (hasLoader) codes.add('not_found');
  if (shape.params || shape.query || shape.body) codes.add('validation_failed');
  if (policy.access === 'permission' || policy.access === 'tenantAdmin') codes.add('forbidden');
  if (shape.idempotent) {
    codes.add('idempotency_key_reused');
    codes.add('validation_failed');
    codes.add('service_unavailable');
  }
  return codes;
}

export function zodIssuesToFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: [...path, key].join('.'),
        message: 'Unknown field.',
      }));
    }
    const field = path.join('.');
    return [{ field, message: issue.message }];
  });
}

function parseInput<T>(
  schema: z.ZodType<T> | undefined,
  value: unknown,
  location: 'params' | 'query' | 'body',
): T {
  if (!schema) return undefined as T;
  if (location === 'body' && value === MALFORMED_JSON) {
    throw new AppError('validation_failed', 'The request body is not valid JSON.');
  }
  const result = schema.safeParse(location === 'body' && value === undefined ? undefined : value);
  if (!result.success) {
    const errors = zodIssuesToFieldErrors(result.error);
    const where =
      location === 'body' ? 'The request body' : location === 'query' ? 'The query string' : 'The path';
    throw new AppError(
      'validation_failed',
      `${where} is not valid: ${errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ')}`,
      errors,
    );
  }
  return result.data;
}

function authorise(policy: RoutePolicy, actor: Actor): void {
  if (policy.access === 'tenantAdmin' && !actor.tenantAdmin)
    throw forbidden('Only tenant administrators may do this.');
  if (policy.access === 'permission' && !hasPermission(actor, policy.permission)) {
    throw forbidden(`This needs the ${policy.permission} permission.`);
  }
}

export interface SerializedResponse {
  status: number;
  body: string | null;
  contentType: string;
}

function serialize(
  shape: RouteShape<unknown, unknown, unknown>,
  ctx: AppContext,
  request: FastifyRequest,
  result: unknown,
): SerializedResponse {
  const { status } = shape.response;
  const contentType = shape.response.contentType ?? 'application/json; charset=utf-8';
  if (status === 204) return { status, body: null, contentType };
  if (request.server.strictContract && shape.response.schema) {
    const check = shape.response.schema.safeParse(result);
    if (!check.success) {
      ctx.logger.error(
        { operationId: shape.operationId, issues: check.error.issues },
        'response does not match its schema',
      );
      throw new Error(`Response of ${shape.operationId} does not match its schema`);
    }
  }
  return { status, body: JSON.stringify(result), contentType };
}

async function sendSerialized(
  reply: FastifyReply,
  response: SerializedResponse,
  replayed = false,
): Promise<void> {
  reply.code(response.status);
  if (replayed) reply.header('idempotent-replayed', 'true');
  if (response.body === null) {
    await reply.send();
    return;
  }
  await reply.header('content-type', response.contentType).send(response.body);
}

/**
 * Defines a signed-in route. The refusal order of SPEC §13 is built in: 401 (by the authentication
 * hook) → 404 (`load`) → 400 (inputs) → 403 (policy) → whatever the handler decides.
 */
export function route<P = undefined, Q = undefined, B = undefined, L = undefined>(
  spec: SignedInRouteSpec<P, Q, B, L>,
): RouteDefinition {
  const hasLoader = spec.load !== undefined;
  return {
    meta: { ...spec, hasLoader },
    errorCodes: impliedErrorCodes(spec, spec.policy, hasLoader),
    async execute(ctx, request, reply) {
      const actor = request.actor;
      if (!actor) throw new AppError('unauthenticated');
      const rawParams = request.params as Record<string, string>;
      const loaded = spec.load ? await spec.load(ctx, actor, rawParams) : (undefined as L);
      const params = parseInput(spec.params, rawParams, 'params');
      const query = parseInput(spec.query, request.query, 'query');
      const body = parseInput(spec.body, request.body, 'body');
      authorise(spec.policy, actor);
      const produce = async (): Promise<SerializedResponse> =>
        serialize(
          spec,
          ctx,
          request,
          await spec.handle({ ctx, actor, params, query, body, loaded, request, reply }),
        );
      if (spec.rawReply) {
        await spec.handle({ ctx, actor, params, query, body, loaded, request, reply });
        return;
      }
      if (spec.idempotent) {
        const { response, replayed } = await withIdempotency(ctx, actor, request, produce);
        await sendSerialized(reply, response, replayed);
        return;
      }
      await sendSerialized(reply, await produce());
    },
  };
}

/** Defines a route open to everyone; `policy: { access: 'public' }` must be written out. */
export function publicRoute<P = undefined, Q = undefined, B = undefined>(
  spec: PublicRouteSpec<P, Q, B>,
): RouteDefinition {
  return {
    meta: { ...spec, hasLoader: false },
    errorCodes: impliedErrorCodes(spec, spec.policy, false),
    async execute(ctx, request, reply) {
      const params = parseInput(spec.params, request.params, 'params');
      const query = parseInput(spec.query, request.query, 'query');
      const body = parseInput(spec.body, request.body, 'body');
      const result = await spec.handle({
        ctx,
        actor: request.actor,
        params,
        query,
        body,
        loaded: undefined,
        request,
        reply,
      });
      if (spec.rawReply) return;
      await sendSerialized(reply, serialize(spec, ctx, request, result));
    },
  };
}
