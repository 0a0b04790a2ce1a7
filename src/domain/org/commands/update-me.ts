import type { z } from 'zod';
import type { updateMeBody } from '../../../../contract/org.js';
import { deleteSessionsOfUser } from '../../auth/sessions.repository.js';
import type { Actor, AppContext } from '../../context.js';
import { invalidField, notFound } from '../../shared/errors.js';
import type { User } from '../org.js';
import { findUser, updateUserRow } from '../users.repository.js';

/**
 * The signed-in user changes their own name, language, time zone or password. A new password needs
 * the current one, and ends the user's other sessions (the current one stays signed in).
 */
export async function updateMe(
  ctx: AppContext,
  actor: Actor,
  patch: z.output<typeof updateMeBody>,
): Promise<User> {
  const user = await findUser(ctx.db, actor.tenantId, actor.userId);
  if (!user) throw notFound('The user');
  let passwordHash = user.passwordHash;
  if (patch.newPassword !== undefined) {
    if (!patch.currentPassword)
      throw invalidField('currentPassword', 'The current password is needed to set a new one.');
    if (!(await ctx.passwords.verify(user.passwordHash, patch.currentPassword))) {
      throw invalidField('currentPassword', 'The current password is not correct.');
    }
    passwordHash = await ctx.passwords.hash(patch.newPassword);
  }
  const updated: User = {
    ...user,
    name: patch.name ?? user.name,
    language: patch.language === undefined ? user.language : patch.language,
    timeZone: patch.timeZone === undefined ? user.timeZone : patch.timeZone,
    passwordHash,
    updatedAt: ctx.clock.now().toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await updateUserRow(trx, updated);
    if (patch.newPassword !== undefined) {
      await deleteSessionsOfUser(
        trx,
        actor.tenantId,
        actor.userId,
        actor.auth.kind === 'session' ? actor.auth.sessionId : undefined,
      );
    }
  });
  return updated;
}
