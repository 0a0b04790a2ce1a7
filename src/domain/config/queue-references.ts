import type { Executor } from '../../db/connection.js';
import { existingUserIds } from '../org/users.repository.js';
import { invalidField } from '../shared/errors.js';

/** Every member must be a user of the tenant; the first that is not is named (`memberIds.N`). */
export async function assertMembersExist(
  db: Executor,
  tenantId: string,
  memberIds: readonly string[],
): Promise<void> {
  const found = await existingUserIds(db, tenantId, memberIds);
  const missing = memberIds.findIndex((id) => !found.has(id));
  if (missing >= 0) throw invalidField(`memberIds.${missing}`, 'No such user.');
}
