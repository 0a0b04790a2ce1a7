import type { z } from 'zod';
import type { createUserBody } from '../../../../contract/org.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { newId } from '../../../lib/ids.js';
import type { Actor, AppContext } from '../../context.js';
import { alreadyExists, forbidden } from '../../shared/errors.js';
import type { User } from '../org.js';
import { assertOuExists } from '../ou-references.js';
import { assertRolesExist } from '../user-references.js';
import { findUserByEmail, insertUser } from '../users.repository.js';

/**
 * Creates a user of the caller's tenant. Role membership and the tenant-administrator flag are the
 * tenant administrator's alone (SPEC §2): a `users.manage` holder may create users without them.
 */
export async function createUser(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof createUserBody>,
): Promise<User> {
  if (!actor.tenantAdmin && (input.tenantAdmin || input.roleIds.length > 0)) {
    throw forbidden('Only tenant administrators assign roles or the tenant-administrator flag.');
  }
  const now = ctx.clock.now().toISOString();
  const user: User = {
    tenantId: actor.tenantId,
    id: newId(),
    email: input.email,
    name: input.name,
    passwordHash: await ctx.passwords.hash(input.password),
    ouId: input.ouId,
    phone: input.phone ?? null,
    tenantAdmin: input.tenantAdmin,
    disabled: false,
    language: input.language ?? null,
    timeZone: input.timeZone ?? null,
    roleIds: [...new Set(input.roleIds)],
    createdAt: now,
    updatedAt: now,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await assertOuExists(trx, actor.tenantId, input.ouId);
      await assertRolesExist(trx, actor.tenantId, input.roleIds);
      if (await findUserByEmail(trx, actor.tenantId, user.email))
        throw alreadyExists('email', 'A user with this e-mail');
      await insertUser(trx, user);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists('email', 'A user with this e-mail');
    throw error;
  }
  return user;
}
