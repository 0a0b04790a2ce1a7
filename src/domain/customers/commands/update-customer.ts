import type { z } from 'zod';
import type { updateCustomerBody } from '../../../../contract/customers.js';
import type { Actor, AppContext } from '../../context.js';
import { assertOuExists } from '../../org/ou-references.js';
import type { Customer } from '../customer.js';
import { assertOuPlaceable } from '../customer-visibility.js';
import { updateCustomerRow } from '../customers.repository.js';

/**
 * Changes a customer: a field given replaces the stored one (`phones` as a whole list), `null`
 * clears it. The search text is rewritten with the row.
 */
export async function updateCustomer(
  ctx: AppContext,
  actor: Actor,
  customer: Customer,
  patch: z.output<typeof updateCustomerBody>,
): Promise<Customer> {
  const keep = <T>(given: T | undefined, stored: T): T => (given === undefined ? stored : given);
  const updated: Customer = {
    ...customer,
    name: patch.name ?? customer.name,
    gender: keep(patch.gender, customer.gender),
    phones: patch.phones ?? customer.phones,
    email: keep(patch.email, customer.email),
    company: keep(patch.company, customer.company),
    address: keep(patch.address, customer.address),
    remark: keep(patch.remark, customer.remark),
    ouId: keep(patch.ouId, customer.ouId),
    updatedAt: ctx.clock.now().toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    if (updated.ouId !== null && updated.ouId !== customer.ouId) {
      await assertOuExists(trx, customer.tenantId, updated.ouId);
      await assertOuPlaceable(trx, actor, updated.ouId);
    }
    await updateCustomerRow(trx, updated);
  });
  return updated;
}
