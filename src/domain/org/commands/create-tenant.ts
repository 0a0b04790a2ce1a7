import type { z } from 'zod';
import type { createTenantInput } from '../../../../contract/org.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { newId } from '../../../lib/ids.js';
import type { AppContext } from '../../context.js';
import { alreadyExists } from '../../shared/errors.js';
import type { Ou, Tenant, User } from '../org.js';
import { insertOu } from '../ous.repository.js';
import { findTenantBySlug, insertTenant } from '../tenants.repository.js';
import { insertUser } from '../users.repository.js';

export type CreateTenantInput = z.output<typeof createTenantInput>;

/**
 * Creates a tenant with its root OU and its first tenant administrator (the platform operator's
 * command, run from the CLI). The administrator's home OU is the root OU, named after the tenant.
 */
export async function createTenant(
  ctx: AppContext,
  input: CreateTenantInput,
): Promise<{ tenant: Tenant; rootOu: Ou; admin: User }> {
  const now = ctx.clock.now().toISOString();
  const tenant: Tenant = {
    id: newId(),
    slug: input.slug,
    name: input.name,
    timeZone: input.timeZone,
    defaultLanguage: input.defaultLanguage,
    ouIsolation: false,
    createdAt: now,
    updatedAt: now,
  };
  const rootOu: Ou = {
    tenantId: tenant.id,
    id: newId(),
    name: input.name,
    parentId: null,
    leaderIds: [],
    createdAt: now,
    updatedAt: now,
  };
  const admin: User = {
    tenantId: tenant.id,
    id: newId(),
    email: input.adminEmail,
    name: input.adminName,
    passwordHash: await ctx.passwords.hash(input.adminPassword),
    ouId: rootOu.id,
    phone: null,
    tenantAdmin: true,
    disabled: false,
    language: null,
    timeZone: null,
    roleIds: [],
    createdAt: now,
    updatedAt: now,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if (await findTenantBySlug(trx, input.slug)) throw alreadyExists('slug', 'A tenant with this slug');
      await insertTenant(trx, tenant);
      await insertOu(trx, rootOu);
      await insertUser(trx, admin);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists('slug', 'A tenant with this slug');
    throw error;
  }
  return { tenant, rootOu, admin };
}
