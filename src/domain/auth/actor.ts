import type { Executor } from '../../db/connection.js';
import type { Actor } from '../context.js';
import { permissionsOfUser } from '../org/roles.repository.js';
import { findUser } from '../org/users.repository.js';

/** Builds the actor for a user of a tenant, or null when the user is gone or disabled. */
export async function loadActor(
  db: Executor,
  tenantId: string,
  userId: string,
  auth: Actor['auth'],
): Promise<Actor | null> {
  const user = await findUser(db, tenantId, userId);
  if (!user || user.disabled) return null;
  const permissions = await permissionsOfUser(db, tenantId, userId);
  return {
    tenantId,
    userId,
    name: user.name,
    ouId: user.ouId,
    tenantAdmin: user.tenantAdmin,
    permissions: new Set(permissions),
    auth,
  };
}
