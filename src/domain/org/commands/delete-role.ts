import type { AppContext } from '../../context.js';
import { AppError } from '../../shared/errors.js';
import type { Role } from '../org.js';
import { deleteRoleRow, isRoleAssigned } from '../roles.repository.js';

/** Deletes a role no user holds; otherwise 409 `in_use`, so nobody loses rights by surprise. */
export async function deleteRole(ctx: AppContext, role: Role): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    if (await isRoleAssigned(trx, role.tenantId, role.id)) {
      throw new AppError('in_use', 'Users still hold this role; remove it from them first.');
    }
    await deleteRoleRow(trx, role.tenantId, role.id);
  });
}
