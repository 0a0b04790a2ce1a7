import { isForeignKeyViolation } from '../../../db/errors.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../shared/errors.js';
import type { Customer } from '../customer.js';
import { deleteCustomerRow, hasCasesOfCustomer } from '../customers.repository.js';

const USED_BY_CASES = 'Cases are about this customer, so it cannot be deleted.';

/** Deletes a customer no case is about (SPEC §9); otherwise 409 `in_use`. */
export async function deleteCustomer(ctx: AppContext, customer: Customer): Promise<void> {
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if (await hasCasesOfCustomer(trx, customer.tenantId, customer.id)) {
        throw new AppError('in_use', USED_BY_CASES);
      }
      await deleteCustomerRow(trx, customer.tenantId, customer.id);
    });
  } catch (error) {
    // A case created for the customer after the check above but before the delete.
    if (isForeignKeyViolation(error)) throw new AppError('in_use', USED_BY_CASES);
    throw error;
  }
}
