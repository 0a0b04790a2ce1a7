import type { Writable } from 'node:stream';
import type { AppContext } from '../domain/context.js';
import { createTenant } from '../domain/org/commands/create-tenant.js';
import { countTenants, findTenantBySlug } from '../domain/org/tenants.repository.js';

export const DEMO_TENANT = 'demo';
export const DEMO_ADMIN = { email: 'admin@demo.test', password: 'casedesk-demo-admin' };

export interface DemoResult {
  text: string;
}

/**
 * Loads the demo tenant: its administrator now; agents, case types, customers and cases as the
 * features that own them arrive.
 */
export async function loadDemo(
  ctx: AppContext,
  options: { cases: number; ifEmpty: boolean; progress: Writable },
): Promise<DemoResult> {
  const logins = `\nSign in with tenant "${DEMO_TENANT}":\n  administrator  ${DEMO_ADMIN.email}  /  ${DEMO_ADMIN.password}\n`;
  if (options.ifEmpty && (await countTenants(ctx.db)) > 0) {
    return {
      text: (await findTenantBySlug(ctx.db, DEMO_TENANT))
        ? logins
        : '\nThe database already has tenants; no demo data was loaded.\n',
    };
  }
  await createTenant(ctx, {
    slug: DEMO_TENANT,
    name: 'Demo Service Center',
    timeZone: 'Asia/Shanghai',
    defaultLanguage: 'en',
    adminEmail: DEMO_ADMIN.email,
    adminName: 'Demo Administrator',
    adminPassword: DEMO_ADMIN.password,
  });
  options.progress.write(`Demo tenant "${DEMO_TENANT}" created.\n`);
  return { text: logins };
}
