import type { AppContext } from '../../context.js';
import { AppError } from '../../shared/errors.js';
import type { Ou } from '../org.js';
import { deleteOuRow, isOuReferenced } from '../ous.repository.js';

/** Deletes an OU that nothing refers to any more; otherwise 409 `in_use`. */
export async function deleteOu(ctx: AppContext, ou: Ou): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    if (await isOuReferenced(trx, ou.tenantId, ou.id)) {
      throw new AppError('in_use', 'The OU still has sub-OUs, users or other records; move them first.');
    }
    await deleteOuRow(trx, ou.tenantId, ou.id);
  });
}
