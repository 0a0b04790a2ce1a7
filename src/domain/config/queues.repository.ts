import type { Executor } from '../../db/connection.js';
import type { QueuesTable } from '../../db/schema.js';
import type { Queue } from './queue.js';

function toQueue(row: QueuesTable, memberIds: string[]): Queue {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    name: row.name,
    ouId: row.ou_id,
    memberIds,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function membersByQueue(
  db: Executor,
  tenantId: string,
  queueIds: string[],
): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (queueIds.length === 0) return map;
  const rows = await db
    .selectFrom('queue_members')
    .select(['queue_id', 'user_id'])
    .where('tenant_id', '=', tenantId)
    .where('queue_id', 'in', queueIds)
    .execute();
  for (const row of rows) map.set(row.queue_id, [...(map.get(row.queue_id) ?? []), row.user_id]);
  // Sorted here rather than in SQL, so that both databases (and a freshly built queue) agree.
  for (const members of map.values()) members.sort();
  return map;
}

export async function findQueue(db: Executor, tenantId: string, id: string): Promise<Queue | undefined> {
  const row = await db
    .selectFrom('queues')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const members = await membersByQueue(db, tenantId, [row.id]);
  return toQueue(row, members.get(row.id) ?? []);
}

export async function findQueueByName(
  db: Executor,
  tenantId: string,
  name: string,
): Promise<Queue | undefined> {
  const row = await db
    .selectFrom('queues')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('name', '=', name)
    .executeTakeFirst();
  if (!row) return undefined;
  const members = await membersByQueue(db, tenantId, [row.id]);
  return toQueue(row, members.get(row.id) ?? []);
}

export async function listQueues(db: Executor, tenantId: string): Promise<Queue[]> {
  const rows = await db
    .selectFrom('queues')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('name')
    .orderBy('id')
    .execute();
  const members = await membersByQueue(
    db,
    tenantId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toQueue(r, members.get(r.id) ?? []));
}

export async function insertQueue(db: Executor, queue: Queue): Promise<void> {
  await db
    .insertInto('queues')
    .values({
      tenant_id: queue.tenantId,
      id: queue.id,
      name: queue.name,
      ou_id: queue.ouId,
      created_at: queue.createdAt,
      updated_at: queue.updatedAt,
    })
    .execute();
  await replaceQueueMembers(db, queue.tenantId, queue.id, queue.memberIds);
}

export async function updateQueueRow(db: Executor, queue: Queue): Promise<void> {
  await db
    .updateTable('queues')
    .set({ name: queue.name, ou_id: queue.ouId, updated_at: queue.updatedAt })
    .where('tenant_id', '=', queue.tenantId)
    .where('id', '=', queue.id)
    .execute();
}

export async function replaceQueueMembers(
  db: Executor,
  tenantId: string,
  queueId: string,
  userIds: readonly string[],
): Promise<void> {
  await db
    .deleteFrom('queue_members')
    .where('tenant_id', '=', tenantId)
    .where('queue_id', '=', queueId)
    .execute();
  if (userIds.length === 0) return;
  await db
    .insertInto('queue_members')
    .values(
      [...new Set(userIds)].map((userId) => ({ tenant_id: tenantId, queue_id: queueId, user_id: userId })),
    )
    .execute();
}

/** Deletes the queue and its memberships (explicitly, rather than relying on the cascade). */
export async function deleteQueueRow(db: Executor, tenantId: string, id: string): Promise<void> {
  await db.deleteFrom('queue_members').where('tenant_id', '=', tenantId).where('queue_id', '=', id).execute();
  await db.deleteFrom('queues').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Whether any case, in any state, is owned by (or, once claimed, still carries) this queue. */
export async function hasCasesOfQueue(db: Executor, tenantId: string, queueId: string): Promise<boolean> {
  const row = await db
    .selectFrom('cases')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('queue_id', '=', queueId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The queues a user is a member of: their unclaimed cases are in the user's *To do* view. */
export async function queueIdsOfUser(db: Executor, tenantId: string, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('queue_members')
    .select('queue_id')
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .orderBy('queue_id')
    .execute();
  return rows.map((r) => r.queue_id);
}

/** Whether the user may see and claim the queue's cases. */
export async function isQueueMember(
  db: Executor,
  tenantId: string,
  queueId: string,
  userId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('queue_members')
    .select('user_id')
    .where('tenant_id', '=', tenantId)
    .where('queue_id', '=', queueId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}
