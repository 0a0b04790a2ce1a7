import type { z } from 'zod';
import type { customerListQuery } from '../../../contract/customers.js';
import type { Executor } from '../../db/connection.js';
import type { Actor } from '../context.js';
import { ouScopeOf } from '../org/ou-scope.js';
import { forbidden } from '../shared/errors.js';
import type { Customer } from './customer.js';
import { findCustomer, pageCustomers, type CustomerPage } from './customers.repository.js';

/**
 * Under OU isolation a customer of an OU outside the caller's scope does not exist for them (SPEC §2);
 * a customer without an OU is everyone's.
 */
export function isOuInScope(scope: ReadonlySet<string> | null, ouId: string | null): boolean {
  return scope === null || ouId === null || scope.has(ouId);
}

/** The customer, if it is of the caller's tenant and within their OU scope. */
export async function findVisibleCustomer(
  db: Executor,
  actor: Actor,
  id: string,
): Promise<Customer | undefined> {
  const customer = await findCustomer(db, actor.tenantId, id);
  if (!customer) return undefined;
  return isOuInScope(await ouScopeOf(db, actor), customer.ouId) ? customer : undefined;
}

/** The customers list as the caller may see it. */
export async function listVisibleCustomers(
  db: Executor,
  actor: Actor,
  query: z.output<typeof customerListQuery>,
): Promise<CustomerPage> {
  const scope = await ouScopeOf(db, actor);
  return pageCustomers(
    db,
    actor.tenantId,
    { q: query.q, ouId: query.ouId, scope },
    { limit: query.limit, cursor: query.cursor },
  );
}

/**
 * Under OU isolation a customer manager places customers only in OUs they see: otherwise the record
 * would vanish from under them the moment it was saved.
 */
export async function assertOuPlaceable(db: Executor, actor: Actor, ouId: string): Promise<void> {
  if (!isOuInScope(await ouScopeOf(db, actor), ouId)) {
    throw forbidden('Under OU isolation customers can only be placed in OUs you can see.');
  }
}
