import type { z } from 'zod';
import type {
  apiTokenSchema,
  ouSchema,
  roleSchema,
  tenantSchema,
  userSchema,
} from '../../../contract/org.js';
import type { ApiTokenRow } from '../auth/tokens.repository.js';
import { hasPermission, type Actor } from '../context.js';
import type { Ou, Role, Tenant, User } from './org.js';

export function presentTenant(tenant: Tenant): z.infer<typeof tenantSchema> {
  return {
    id: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    timeZone: tenant.timeZone,
    defaultLanguage: tenant.defaultLanguage,
    ouIsolation: tenant.ouIsolation,
  };
}

export function presentOu(ou: Ou): z.infer<typeof ouSchema> {
  return {
    id: ou.id,
    name: ou.name,
    parentId: ou.parentId,
    leaderIds: ou.leaderIds,
    createdAt: ou.createdAt,
    updatedAt: ou.updatedAt,
  };
}

export function presentRole(role: Role): z.infer<typeof roleSchema> {
  return {
    id: role.id,
    name: role.name,
    permissions: role.permissions,
    createdAt: role.createdAt,
    updatedAt: role.updatedAt,
  };
}

/**
 * Every signed-in user may see a colleague's id, name and OU (the pickers need them); the rest of the
 * account is for the user themselves and those who manage users.
 */
export function presentUser(user: User, viewer: Actor | 'self'): z.infer<typeof userSchema> {
  const full = viewer === 'self' || viewer.userId === user.id || hasPermission(viewer, 'users.manage');
  const base = { id: user.id, name: user.name, ouId: user.ouId, disabled: user.disabled };
  if (!full) return base;
  return {
    ...base,
    email: user.email,
    phone: user.phone,
    tenantAdmin: user.tenantAdmin,
    roleIds: user.roleIds,
    language: user.language,
    timeZone: user.timeZone,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

export function presentApiToken(row: ApiTokenRow): z.infer<typeof apiTokenSchema> {
  return {
    id: row.id,
    name: row.name,
    userId: row.user_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
  };
}
