import type { Executor } from '../../db/connection.js';
import { invalidField } from '../shared/errors.js';
import { findOu } from './ous.repository.js';
import { existingUserIds } from './users.repository.js';

/** An id in a body that names nothing of the caller's tenant is a 400 on that field (SPEC §13). */
export async function assertParentOuExists(db: Executor, tenantId: string, parentId: string): Promise<void> {
  if (!(await findOu(db, tenantId, parentId))) throw invalidField('parentId', 'No such OU.');
}

export async function assertOuExists(
  db: Executor,
  tenantId: string,
  ouId: string,
  field = 'ouId',
): Promise<void> {
  if (!(await findOu(db, tenantId, ouId))) throw invalidField(field, 'No such OU.');
}

export async function assertLeadersExist(
  db: Executor,
  tenantId: string,
  leaderIds: readonly string[],
): Promise<void> {
  const found = await existingUserIds(db, tenantId, leaderIds);
  const missing = leaderIds.findIndex((id) => !found.has(id));
  if (missing >= 0) throw invalidField(`leaderIds.${missing}`, 'No such user.');
}
