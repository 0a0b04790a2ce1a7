import { idParams, listOf } from '../../../contract/common.js';
import {
  createOuBody,
  createRoleBody,
  createUserBody,
  ouSchema,
  permissionCatalogueSchema,
  roleSchema,
  tenantSchema,
  updateOuBody,
  updateRoleBody,
  updateTenantBody,
  updateUserBody,
  userListQuery,
  userSchema,
} from '../../../contract/org.js';
import { PERMISSION_LABELS, PERMISSIONS } from '../../../contract/permissions.js';
import { createOu } from '../../domain/org/commands/create-ou.js';
import { createRole } from '../../domain/org/commands/create-role.js';
import { createUser } from '../../domain/org/commands/create-user.js';
import { deleteOu } from '../../domain/org/commands/delete-ou.js';
import { deleteRole } from '../../domain/org/commands/delete-role.js';
import { updateOu } from '../../domain/org/commands/update-ou.js';
import { updateRole } from '../../domain/org/commands/update-role.js';
import { updateTenant } from '../../domain/org/commands/update-tenant.js';
import { updateUser } from '../../domain/org/commands/update-user.js';
import { presentOu, presentRole, presentTenant, presentUser } from '../../domain/org/org.presenter.js';
import { findOu, listOus } from '../../domain/org/ous.repository.js';
import { findRole, listRoles } from '../../domain/org/roles.repository.js';
import { findTenantById } from '../../domain/org/tenants.repository.js';
import { findUser, pageUsers } from '../../domain/org/users.repository.js';
import { notFound } from '../../domain/shared/errors.js';
import { hasPermission, type AppContext, type Actor } from '../../domain/context.js';
import { route } from '../route.js';

/** OUs and roles are few per tenant: their lists come whole, in the list shape of API.md. */
function whole<T>(items: T[]): { items: T[]; nextCursor: null; total: number } {
  return { items, nextCursor: null, total: items.length };
}

async function loadOu(ctx: AppContext, actor: Actor, params: Record<string, string>) {
  return (await findOu(ctx.db, actor.tenantId, params.id ?? '')) ?? Promise.reject(notFound('The OU'));
}
async function loadRole(ctx: AppContext, actor: Actor, params: Record<string, string>) {
  return (await findRole(ctx.db, actor.tenantId, params.id ?? '')) ?? Promise.reject(notFound('The role'));
}
async function loadUser(ctx: AppContext, actor: Actor, params: Record<string, string>) {
  return (await findUser(ctx.db, actor.tenantId, params.id ?? '')) ?? Promise.reject(notFound('The user'));
}

export const tenantRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/tenant',
    operationId: 'getTenant',
    summary: "The caller's tenant",
    tags: ['tenant'],
    policy: { access: 'signedIn' },
    response: { status: 200, schema: tenantSchema },
    errors: ['not_found'],
    async handle({ ctx, actor }) {
      const tenant = await findTenantById(ctx.db, actor.tenantId);
      if (!tenant) throw notFound('The tenant');
      return presentTenant(tenant);
    },
  }),
  route({
    method: 'PATCH',
    path: '/api/v1/tenant',
    operationId: 'updateTenant',
    summary: 'Change the tenant settings (tenant administrators)',
    tags: ['tenant'],
    policy: { access: 'tenantAdmin' },
    body: updateTenantBody,
    response: { status: 200, schema: tenantSchema },
    errors: ['not_found'],
    handle: async ({ ctx, actor, body }) => presentTenant(await updateTenant(ctx, actor, body)),
  }),
  route({
    method: 'GET',
    path: '/api/v1/permissions',
    operationId: 'listPermissions',
    summary: 'The permission catalogue with English and Chinese labels',
    tags: ['roles'],
    policy: { access: 'signedIn' },
    response: { status: 200, schema: permissionCatalogueSchema },
    handle: () =>
      Promise.resolve({ items: PERMISSIONS.map((name) => ({ name, label: PERMISSION_LABELS[name] })) }),
  }),
];

export const ouRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/ous',
    operationId: 'listOus',
    summary: 'Organisation units of the tenant',
    tags: ['ous'],
    policy: { access: 'signedIn' },
    response: { status: 200, schema: listOf(ouSchema) },
    handle: async ({ ctx, actor }) => whole((await listOus(ctx.db, actor.tenantId)).map(presentOu)),
  }),
  route({
    method: 'POST',
    path: '/api/v1/ous',
    operationId: 'createOu',
    summary: 'Create an organisation unit',
    tags: ['ous'],
    policy: { access: 'permission', permission: 'users.manage' },
    body: createOuBody,
    response: { status: 201, schema: ouSchema },
    errors: ['already_exists'],
    idempotent: true,
    handle: async ({ ctx, actor, body }) => presentOu(await createOu(ctx, actor, body)),
  }),
  route({
    method: 'GET',
    path: '/api/v1/ous/:id',
    operationId: 'getOu',
    summary: 'One organisation unit',
    tags: ['ous'],
    policy: { access: 'signedIn' },
    params: idParams,
    load: loadOu,
    response: { status: 200, schema: ouSchema },
    handle: ({ loaded }) => Promise.resolve(presentOu(loaded)),
  }),
  route({
    method: 'PATCH',
    path: '/api/v1/ous/:id',
    operationId: 'updateOu',
    summary: 'Rename, move or set the leaders of an organisation unit',
    tags: ['ous'],
    policy: { access: 'permission', permission: 'users.manage' },
    params: idParams,
    load: loadOu,
    body: updateOuBody,
    response: { status: 200, schema: ouSchema },
    errors: ['already_exists'],
    handle: async ({ ctx, actor, loaded, body }) => presentOu(await updateOu(ctx, actor, loaded, body)),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/ous/:id',
    operationId: 'deleteOu',
    summary: 'Delete an organisation unit nothing refers to',
    tags: ['ous'],
    policy: { access: 'permission', permission: 'users.manage' },
    params: idParams,
    load: loadOu,
    response: { status: 204 },
    errors: ['in_use'],
    handle: ({ ctx, loaded }) => deleteOu(ctx, loaded),
  }),
];

export const roleRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/roles',
    operationId: 'listRoles',
    summary: 'Case roles of the tenant (tenant administrators and user managers)',
    tags: ['roles'],
    policy: { access: 'permission', permission: 'users.manage' },
    response: { status: 200, schema: listOf(roleSchema) },
    handle: async ({ ctx, actor }) => whole((await listRoles(ctx.db, actor.tenantId)).map(presentRole)),
  }),
  route({
    method: 'POST',
    path: '/api/v1/roles',
    operationId: 'createRole',
    summary: 'Create a case role (tenant administrators)',
    tags: ['roles'],
    policy: { access: 'tenantAdmin' },
    body: createRoleBody,
    response: { status: 201, schema: roleSchema },
    errors: ['already_exists'],
    idempotent: true,
    handle: async ({ ctx, actor, body }) => presentRole(await createRole(ctx, actor, body)),
  }),
  route({
    method: 'GET',
    path: '/api/v1/roles/:id',
    operationId: 'getRole',
    summary: 'One case role',
    tags: ['roles'],
    policy: { access: 'permission', permission: 'users.manage' },
    params: idParams,
    load: loadRole,
    response: { status: 200, schema: roleSchema },
    handle: ({ loaded }) => Promise.resolve(presentRole(loaded)),
  }),
  route({
    method: 'PATCH',
    path: '/api/v1/roles/:id',
    operationId: 'updateRole',
    summary: 'Rename a role or replace its permissions (tenant administrators)',
    tags: ['roles'],
    policy: { access: 'tenantAdmin' },
    params: idParams,
    load: loadRole,
    body: updateRoleBody,
    response: { status: 200, schema: roleSchema },
    errors: ['already_exists'],
    handle: async ({ ctx, loaded, body }) => presentRole(await updateRole(ctx, loaded, body)),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/roles/:id',
    operationId: 'deleteRole',
    summary: 'Delete a role no user holds (tenant administrators)',
    tags: ['roles'],
    policy: { access: 'tenantAdmin' },
    params: idParams,
    load: loadRole,
    response: { status: 204 },
    errors: ['in_use'],
    handle: ({ ctx, loaded }) => deleteRole(ctx, loaded),
  }),
];

export const userRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/users',
    operationId: 'listUsers',
    summary: 'Users of the tenant (everyone sees id, name and OU; user managers see all fields)',
    tags: ['users'],
    policy: { access: 'signedIn' },
    query: userListQuery,
    response: { status: 200, schema: listOf(userSchema) },
    async handle({ ctx, actor, query }) {
      // Only user managers see e-mail addresses, so only they may search by them.
      const searchEmail = hasPermission(actor, 'users.manage');
      const page = await pageUsers(ctx.db, actor.tenantId, { ...query, searchEmail }, query);
      return {
        items: page.users.map((u) => presentUser(u, actor)),
        nextCursor: page.nextCursor,
        total: page.total,
        ...(page.totalCapped ? { totalCapped: true } : {}),
      };
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/users',
    operationId: 'createUser',
    summary: 'Create a user (roles and the tenant-administrator flag: tenant administrators only)',
    tags: ['users'],
    policy: { access: 'permission', permission: 'users.manage' },
    body: createUserBody,
    response: { status: 201, schema: userSchema },
    errors: ['already_exists'],
    idempotent: true,
    handle: async ({ ctx, actor, body }) => presentUser(await createUser(ctx, actor, body), actor),
  }),
  route({
    method: 'GET',
    path: '/api/v1/users/:id',
    operationId: 'getUser',
    summary: 'One user',
    tags: ['users'],
    policy: { access: 'signedIn' },
    params: idParams,
    load: loadUser,
    response: { status: 200, schema: userSchema },
    handle: ({ actor, loaded }) => Promise.resolve(presentUser(loaded, actor)),
  }),
  route({
    method: 'PATCH',
    path: '/api/v1/users/:id',
    operationId: 'updateUser',
    summary: 'Change a user; `disabled: true` disables them (users are never deleted)',
    tags: ['users'],
    policy: { access: 'permission', permission: 'users.manage' },
    params: idParams,
    load: loadUser,
    body: updateUserBody,
    response: { status: 200, schema: userSchema },
    errors: ['already_exists', 'last_tenant_admin'],
    handle: async ({ ctx, actor, loaded, body }) =>
      presentUser(await updateUser(ctx, actor, loaded, body), actor),
  }),
];
