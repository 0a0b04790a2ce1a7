import type { Executor } from '../../db/connection.js';
import { invalidField } from '../shared/errors.js';
import { existingRoleIds } from './roles.repository.js';

export async function assertRolesExist(
  db: Executor,
  tenantId: string,
  roleIds: readonly string[],
): Promise<void> {
  const found = await existingRoleIds(db, tenantId, roleIds);
  const missing = roleIds.findIndex((id) => !found.has(id));
  if (missing >= 0) throw invalidField(`roleIds.${missing}`, 'No such role.');
}
