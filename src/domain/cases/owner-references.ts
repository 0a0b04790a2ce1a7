import type { Executor } from '../../db/connection.js';
import { findUser } from '../org/users.repository.js';
import { invalidField } from '../shared/errors.js';

/** A case can be given to an active user of the tenant; anything else is a 400 on the field. */
export async function assertAssignableUser(
  db: Executor,
  tenantId: string,
  userId: string,
  field = 'ownerId',
): Promise<{ ouId: string }> {
  const user = await findUser(db, tenantId, userId);
  if (!user || user.disabled) throw invalidField(field, 'No such active user.');
  return { ouId: user.ouId };
}

export async function assertQueueExists(
  db: Executor,
  tenantId: string,
  queueId: string,
  field = 'queueId',
): Promise<{ ouId: string | null }> {
  const queue = await db
    .selectFrom('queues')
    .select(['id', 'ou_id'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', queueId)
    .executeTakeFirst();
  if (!queue) throw invalidField(field, 'No such queue.');
  return { ouId: queue.ou_id };
}

export async function assertCustomerExists(
  db: Executor,
  tenantId: string,
  customerId: string,
  field = 'customerId',
): Promise<void> {
  const customer = await db
    .selectFrom('customers')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', customerId)
    .executeTakeFirst();
  if (!customer) throw invalidField(field, 'No such customer.');
}
