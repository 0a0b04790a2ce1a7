import { z } from 'zod';
import { idParams } from '../../../contract/common.js';
import {
  apiTokenSchema,
  createdTokenSchema,
  createTokenBody,
  loginBody,
  meSchema,
  tokenListQuery,
  updateMeBody,
} from '../../../contract/org.js';
import { PERMISSIONS } from '../../../contract/permissions.js';
import { createApiToken } from '../../domain/auth/commands/create-api-token.js';
import { revokeApiToken } from '../../domain/auth/commands/revoke-api-token.js';
import { signIn } from '../../domain/auth/commands/sign-in.js';
import { signOut } from '../../domain/auth/commands/sign-out.js';
import { findApiToken, listApiTokens } from '../../domain/auth/tokens.repository.js';
import type { Actor, AppContext } from '../../domain/context.js';
import { updateMe } from '../../domain/org/commands/update-me.js';
import { presentApiToken, presentTenant, presentUser } from '../../domain/org/org.presenter.js';
import type { Tenant, User } from '../../domain/org/org.js';
import { permissionsOfUser } from '../../domain/org/roles.repository.js';
import { findTenantById } from '../../domain/org/tenants.repository.js';
import { findUser } from '../../domain/org/users.repository.js';
import { forbidden, notFound } from '../../domain/shared/errors.js';
import { SESSION_COOKIE } from '../authentication.js';
import { publicRoute, route } from '../route.js';

function effectivePermissions(actor: Pick<Actor, 'tenantAdmin' | 'permissions'>) {
  return PERMISSIONS.filter((p) => actor.tenantAdmin || actor.permissions.has(p));
}

function presentMe(
  user: User,
  tenant: Tenant,
  permissions: (typeof PERMISSIONS)[number][],
  csrfToken: string | null,
) {
  return { user: presentUser(user, 'self'), tenant: presentTenant(tenant), permissions, csrfToken };
}

async function meOf(ctx: AppContext, actor: Actor) {
  const [user, tenant] = await Promise.all([
    findUser(ctx.db, actor.tenantId, actor.userId),
    findTenantById(ctx.db, actor.tenantId),
  ]);
  if (!user || !tenant) throw notFound('The user');
  return presentMe(
    user,
    tenant,
    effectivePermissions(actor),
    actor.auth.kind === 'session' ? actor.auth.csrfToken : null,
  );
}

export const authRoutes = [
  publicRoute({
    method: 'POST',
    path: '/api/v1/auth/login',
    operationId: 'login',
    summary: 'Sign in with tenant slug, e-mail and password; sets the session cookie',
    tags: ['auth'],
    policy: { access: 'public' },
    body: loginBody,
    response: { status: 200, schema: meSchema },
    errors: ['unauthenticated', 'rate_limited'],
    async handle({ ctx, body, request, reply }) {
      const result = await signIn(ctx, { ...body, clientAddress: request.ip });
      reply.setCookie(SESSION_COOKIE, result.cookie, {
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.config.secureCookies,
        path: '/',
        maxAge: Math.floor(ctx.config.sessionIdleMs / 1000),
      });
      const permissions = await permissionsOfUser(ctx.db, result.tenant.id, result.user.id);
      return presentMe(
        result.user,
        result.tenant,
        effectivePermissions({ tenantAdmin: result.user.tenantAdmin, permissions: new Set(permissions) }),
        result.csrfToken,
      );
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/auth/logout',
    operationId: 'logout',
    summary: 'End the session on the server',
    tags: ['auth'],
    policy: { access: 'signedIn' },
    response: { status: 204 },
    async handle({ ctx, actor, reply }) {
      await signOut(ctx, actor);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/me',
    operationId: 'getMe',
    summary: 'The signed-in user, their tenant, effective permissions and CSRF token',
    tags: ['auth'],
    policy: { access: 'signedIn' },
    response: { status: 200, schema: meSchema },
    errors: ['not_found'],
    handle: ({ ctx, actor }) => meOf(ctx, actor),
  }),
  route({
    method: 'PATCH',
    path: '/api/v1/me',
    operationId: 'updateMe',
    summary: 'Change own name, language, time zone or password (a new password needs the current one)',
    tags: ['auth'],
    policy: { access: 'signedIn' },
    body: updateMeBody,
    response: { status: 200, schema: meSchema },
    errors: ['not_found'],
    async handle({ ctx, actor, body }) {
      await updateMe(ctx, actor, body);
      return meOf(ctx, actor);
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/auth/tokens',
    operationId: 'createApiToken',
    summary: 'Create a personal API token (the secret is shown only in this response)',
    tags: ['auth'],
    policy: { access: 'signedIn' },
    body: createTokenBody,
    response: { status: 201, schema: createdTokenSchema },
    async handle({ ctx, actor, body }) {
      const { row, token } = await createApiToken(ctx, actor, body);
      return { ...presentApiToken(row), token };
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/auth/tokens',
    operationId: 'listApiTokens',
    summary: "The caller's live tokens; tenant administrators may ask for all=true",
    tags: ['auth'],
    policy: { access: 'signedIn' },
    query: tokenListQuery,
    response: { status: 200, schema: z.object({ items: z.array(apiTokenSchema) }) },
    errors: ['forbidden'],
    async handle({ ctx, actor, query }) {
      if (query.all && !actor.tenantAdmin) throw forbidden('Only tenant administrators list every token.');
      const rows = await listApiTokens(ctx.db, actor.tenantId, query.all ? null : actor.userId);
      return { items: rows.map(presentApiToken) };
    },
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/auth/tokens/:id',
    operationId: 'revokeApiToken',
    summary: 'Revoke a token (own tokens; tenant administrators any of the tenant)',
    tags: ['auth'],
    policy: { access: 'signedIn' },
    params: idParams,
    response: { status: 204 },
    async load(ctx, actor, params) {
      const token = await findApiToken(ctx.db, actor.tenantId, params.id ?? '');
      // Someone else's token is invisible to a non-administrator, so it answers like a missing one.
      if (!token || token.revoked_at !== null || (token.user_id !== actor.userId && !actor.tenantAdmin)) {
        throw notFound('The token');
      }
      return token;
    },
    async handle({ ctx, loaded }) {
      await revokeApiToken(ctx, loaded);
    },
  }),
];
