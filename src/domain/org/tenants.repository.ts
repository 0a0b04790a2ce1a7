import type { Language } from '../../../contract/common.js';
import type { DialectName, Executor } from '../../db/connection.js';
import { fromBool, toBool } from '../../db/json.js';
import type { TenantsTable } from '../../db/schema.js';
import type { Tenant } from './org.js';

function toTenant(row: TenantsTable): Tenant {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    timeZone: row.time_zone,
    defaultLanguage: row.default_language as Language,
    ouIsolation: toBool(row.ou_isolation),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findTenantById(db: Executor, id: string): Promise<Tenant | undefined> {
  const row = await db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toTenant(row);
}

export async function findTenantBySlug(db: Executor, slug: string): Promise<Tenant | undefined> {
  const row = await db.selectFrom('tenants').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row && toTenant(row);
}

export async function insertTenant(db: Executor, tenant: Tenant): Promise<void> {
  await db
    .insertInto('tenants')
    .values({
      id: tenant.id,
      slug: tenant.slug,
      name: tenant.name,
      time_zone: tenant.timeZone,
      default_language: tenant.defaultLanguage,
      ou_isolation: fromBool(tenant.ouIsolation),
      created_at: tenant.createdAt,
      updated_at: tenant.updatedAt,
    })
    .execute();
}

export async function updateTenantRow(db: Executor, tenant: Tenant): Promise<void> {
  await db
    .updateTable('tenants')
    .set({
      name: tenant.name,
      time_zone: tenant.timeZone,
      default_language: tenant.defaultLanguage,
      ou_isolation: fromBool(tenant.ouIsolation),
      updated_at: tenant.updatedAt,
    })
    .where('id', '=', tenant.id)
    .execute();
}

export async function countTenants(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('tenants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

/**
 * Serialises the organisation writes of one tenant whose rules read before they write (the last
 * tenant administrator, cycles in the OU tree), so that two at once cannot both pass the check. Call it
 * first inside the transaction. On PostgreSQL it locks the tenant's row until commit (`FOR NO KEY
 * UPDATE`, which does not block inserts referencing the tenant); SQLite runs one write transaction at a
 * time already.
 */
export async function lockTenant(db: Executor, dialect: DialectName, tenantId: string): Promise<void> {
  if (dialect !== 'postgres') return;
  await db.selectFrom('tenants').select('id').where('id', '=', tenantId).forNoKeyUpdate().execute();
}
