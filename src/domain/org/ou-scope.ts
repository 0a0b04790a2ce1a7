import type { Executor } from '../../db/connection.js';
import { hasPermission, type Actor } from '../context.js';
import { findTenantById } from './tenants.repository.js';

/**
 * The OUs whose records a user may see through their permissions (SPEC §2): every OU when the tenant
 * does not isolate OUs or the user holds `ou.viewAll`; the home OU and its sub-OUs with
 * `ou.viewSubtree`; else the home OU only. `null` means "no restriction".
 */
export async function ouScopeOf(db: Executor, actor: Actor): Promise<ReadonlySet<string> | null> {
  if (actor.tenantAdmin || hasPermission(actor, 'ou.viewAll')) return null;
  const tenant = await findTenantById(db, actor.tenantId);
  if (!tenant?.ouIsolation) return null;
  if (!hasPermission(actor, 'ou.viewSubtree')) return new Set([actor.ouId]);
  const rows = await db
    .selectFrom('ous')
    .select(['id', 'parent_id'])
    .where('tenant_id', '=', actor.tenantId)
    .execute();
  const children = new Map<string, string[]>();
  for (const row of rows) {
    if (row.parent_id === null) continue;
    children.set(row.parent_id, [...(children.get(row.parent_id) ?? []), row.id]);
  }
  const scope = new Set<string>();
  const pending = [actor.ouId];
  while (pending.length > 0) {
    const id = pending.pop() ?? '';
    if (scope.has(id)) continue;
    scope.add(id);
    pending.push(...(children.get(id) ?? []));
  }
  return scope;
}
