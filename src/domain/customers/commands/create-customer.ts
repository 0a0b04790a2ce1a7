import type { z } from 'zod';
import type { createCustomerBody } from '../../../../contract/customers.js';
import type { Executor } from '../../../db/connection.js';
import { newId } from '../../../lib/ids.js';
import type { Actor, AppContext } from '../../context.js';
import { assertOuExists } from '../../org/ou-references.js';
import type { Customer } from '../customer.js';
import { assertOuPlaceable } from '../customer-visibility.js';
import { insertCustomer } from '../customers.repository.js';

/** A new customer's fields; the inline customer of a case creation is a subset of them. */
export type NewCustomer = z.output<typeof createCustomerBody>;

async function insertNewCustomer(
  trx: Executor,
  actor: Actor,
  input: NewCustomer,
  now: string,
): Promise<Customer> {
  const customer: Customer = {
    tenantId: actor.tenantId,
    id: newId(),
    name: input.name,
    gender: input.gender ?? null,
    phones: input.phones,
    email: input.email ?? null,
    company: input.company ?? null,
    address: input.address ?? null,
    remark: input.remark ?? null,
    ouId: input.ouId ?? null,
    createdAt: now,
    updatedAt: now,
  };
  await insertCustomer(trx, customer);
  return customer;
}

/**
 * Creates a customer inside the caller's transaction, for the case that is created with a new
 * customer inline: SPEC §2 lets anyone who may create a case do that, so nothing here checks
 * `customers.manage` or the OU scope. A given `ouId` must name an OU of the tenant (400 on `ouId`).
 */
export async function createCustomerInTransaction(
  trx: Executor,
  actor: Actor,
  input: NewCustomer,
  now: string,
): Promise<Customer> {
  if (input.ouId) await assertOuExists(trx, actor.tenantId, input.ouId);
  return insertNewCustomer(trx, actor, input, now);
}

/** Creates a customer on its own (customer managers); under OU isolation only in an OU they see. */
export async function createCustomer(ctx: AppContext, actor: Actor, input: NewCustomer): Promise<Customer> {
  const now = ctx.clock.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    if (input.ouId) {
      await assertOuExists(trx, actor.tenantId, input.ouId);
      await assertOuPlaceable(trx, actor, input.ouId);
    }
    return insertNewCustomer(trx, actor, input, now);
  });
}
