import type { z } from 'zod';
import type { updateUserBody } from '../../../../contract/org.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { deleteSessionsOfUser } from '../../auth/sessions.repository.js';
import type { Actor, AppContext } from '../../context.js';
import { AppError, alreadyExists, forbidden } from '../../shared/errors.js';
import type { User } from '../org.js';
import { assertOuExists } from '../ou-references.js';
import { lockTenant } from '../tenants.repository.js';
import { assertRolesExist } from '../user-references.js';
import {
  countActiveTenantAdmins,
  findUserByEmail,
  replaceUserRoles,
  updateUserRow,
} from '../users.repository.js';

/**
 * Changes a user. Roles and the tenant-administrator flag are the tenant administrator's alone, and so
 * is every change to a tenant administrator's account (otherwise a `users.manage` holder could take
 * one over by setting its password). The last active tenant administrator cannot be demoted or
 * disabled. Disabling a user or setting their password ends their sessions.
 */
export async function updateUser(
  ctx: AppContext,
  actor: Actor,
  user: User,
  patch: z.output<typeof updateUserBody>,
): Promise<User> {
  if (!actor.tenantAdmin) {
    if (user.tenantAdmin) throw forbidden('Only tenant administrators change a tenant administrator.');
    if (patch.tenantAdmin !== undefined || patch.roleIds !== undefined) {
      throw forbidden('Only tenant administrators assign roles or the tenant-administrator flag.');
    }
  }
  const updated: User = {
    ...user,
    email: patch.email ?? user.email,
    name: patch.name ?? user.name,
    passwordHash: patch.password ? await ctx.passwords.hash(patch.password) : user.passwordHash,
    ouId: patch.ouId ?? user.ouId,
    phone: patch.phone === undefined ? user.phone : patch.phone,
    tenantAdmin: patch.tenantAdmin ?? user.tenantAdmin,
    disabled: patch.disabled ?? user.disabled,
    language: patch.language === undefined ? user.language : patch.language,
    timeZone: patch.timeZone === undefined ? user.timeZone : patch.timeZone,
    roleIds: patch.roleIds ? [...new Set(patch.roleIds)] : user.roleIds,
    updatedAt: ctx.clock.now().toISOString(),
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await lockTenant(trx, ctx.dialect, user.tenantId);
      if (patch.ouId) await assertOuExists(trx, user.tenantId, patch.ouId);
      if (patch.roleIds) await assertRolesExist(trx, user.tenantId, patch.roleIds);
      if (updated.email !== user.email) {
        const clash = await findUserByEmail(trx, user.tenantId, updated.email);
        if (clash && clash.id !== user.id) throw alreadyExists('email', 'A user with this e-mail');
      }
      const losesAdmin = user.tenantAdmin && !user.disabled && (!updated.tenantAdmin || updated.disabled);
      if (losesAdmin && (await countActiveTenantAdmins(trx, user.tenantId)) <= 1) {
        throw new AppError(
          'last_tenant_admin',
          'The tenant must keep at least one active tenant administrator.',
        );
      }
      await updateUserRow(trx, updated);
      if (patch.roleIds) await replaceUserRoles(trx, user.tenantId, user.id, updated.roleIds);
      if ((updated.disabled && !user.disabled) || patch.password) {
        await deleteSessionsOfUser(trx, user.tenantId, user.id);
      }
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists('email', 'A user with this e-mail');
    throw error;
  }
  return updated;
}
