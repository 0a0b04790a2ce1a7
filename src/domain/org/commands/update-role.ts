import type { z } from 'zod';
import type { updateRoleBody } from '../../../../contract/org.js';
import { normalisePermissions } from '../../../../contract/permissions.js';
import { isUniqueViolation } from '../../../db/errors.js';
import type { AppContext } from '../../context.js';
import { alreadyExists } from '../../shared/errors.js';
import type { Role } from '../org.js';
import { findRoleByName, updateRoleRow } from '../roles.repository.js';

/** Renames a role or replaces its permissions; members' rights change with their next request. */
export async function updateRole(
  ctx: AppContext,
  role: Role,
  patch: z.output<typeof updateRoleBody>,
): Promise<Role> {
  const updated: Role = {
    ...role,
    name: patch.name ?? role.name,
    permissions: patch.permissions ? normalisePermissions(patch.permissions) : role.permissions,
    updatedAt: ctx.clock.now().toISOString(),
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if (updated.name !== role.name) {
        const clash = await findRoleByName(trx, role.tenantId, updated.name);
        if (clash && clash.id !== role.id) throw alreadyExists('name', 'A role with this name');
      }
      await updateRoleRow(trx, updated);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists('name', 'A role with this name');
    throw error;
  }
  return updated;
}
