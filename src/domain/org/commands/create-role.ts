import type { z } from 'zod';
import type { createRoleBody } from '../../../../contract/org.js';
import { normalisePermissions } from '../../../../contract/permissions.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { newId } from '../../../lib/ids.js';
import type { Actor, AppContext } from '../../context.js';
import { alreadyExists } from '../../shared/errors.js';
import type { Role } from '../org.js';
import { findRoleByName, insertRole } from '../roles.repository.js';

/** Creates a case role; its permissions are normalised (any case permission brings `case.queryAll`). */
export async function createRole(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof createRoleBody>,
): Promise<Role> {
  const now = ctx.clock.now().toISOString();
  const role: Role = {
    tenantId: actor.tenantId,
    id: newId(),
    name: input.name,
    permissions: normalisePermissions(input.permissions),
    createdAt: now,
    updatedAt: now,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if (await findRoleByName(trx, actor.tenantId, role.name))
        throw alreadyExists('name', 'A role with this name');
      await insertRole(trx, role);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists('name', 'A role with this name');
    throw error;
  }
  return role;
}
