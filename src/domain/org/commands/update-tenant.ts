import type { z } from 'zod';
import type { updateTenantBody } from '../../../../contract/org.js';
import type { Actor, AppContext } from '../../context.js';
import { forbidden, notFound } from '../../shared/errors.js';
import type { Tenant } from '../org.js';
import { findTenantById, updateTenantRow } from '../tenants.repository.js';

/** Changes the caller's tenant settings (tenant administrators only). */
export async function updateTenant(
  ctx: AppContext,
  actor: Actor,
  patch: z.output<typeof updateTenantBody>,
): Promise<Tenant> {
  if (!actor.tenantAdmin) throw forbidden('Only tenant administrators change the tenant settings.');
  return ctx.db.transaction().execute(async (trx) => {
    const tenant = await findTenantById(trx, actor.tenantId);
    if (!tenant) throw notFound('The tenant');
    const updated: Tenant = {
      ...tenant,
      name: patch.name ?? tenant.name,
      timeZone: patch.timeZone ?? tenant.timeZone,
      defaultLanguage: patch.defaultLanguage ?? tenant.defaultLanguage,
      ouIsolation: patch.ouIsolation ?? tenant.ouIsolation,
      updatedAt: ctx.clock.now().toISOString(),
    };
    await updateTenantRow(trx, updated);
    return updated;
  });
}
