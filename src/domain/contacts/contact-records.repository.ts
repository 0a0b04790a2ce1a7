import type { Executor } from '../../db/connection.js';
import type { ContactRecordsTable } from '../../db/schema.js';
import type { ContactRecord } from './contact-record.js';

function toRecord(row: ContactRecordsTable): ContactRecord {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    channel: row.channel as ContactRecord['channel'],
    direction: row.direction as ContactRecord['direction'],
    caller: row.caller,
    callee: row.callee,
    agentId: row.agent_id,
    customerId: row.customer_id,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    summary: row.summary,
    creatorId: row.creator_id,
    createdAt: row.created_at,
  };
}

export async function insertContactRecord(db: Executor, r: ContactRecord): Promise<void> {
  await db
    .insertInto('contact_records')
    .values({
      tenant_id: r.tenantId,
      id: r.id,
      channel: r.channel,
      direction: r.direction,
      caller: r.caller,
      callee: r.callee,
      agent_id: r.agentId,
      customer_id: r.customerId,
      started_at: r.startedAt,
      ended_at: r.endedAt,
      summary: r.summary,
      creator_id: r.creatorId,
      created_at: r.createdAt,
    })
    .execute();
}

export async function findContactRecord(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<ContactRecord | undefined> {
  const row = await db
    .selectFrom('contact_records')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toRecord(row);
}

/** The records linked to a case (its InteractionId, or its customer) that started at or after `since`. */
export async function contactRecordsOfCase(
  db: Executor,
  tenantId: string,
  link: { interactionId: string | null; customerId: string },
  since: string,
): Promise<ContactRecord[]> {
  const rows = await db
    .selectFrom('contact_records')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('started_at', '>=', since)
    .where((eb) =>
      eb.or([
        eb('customer_id', '=', link.customerId),
        ...(link.interactionId ? [eb('id', '=', link.interactionId)] : []),
      ]),
    )
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
  return rows.map(toRecord);
}

/** Cases that link to a record: by InteractionId, or of the record's customer. */
export async function caseIdsLinkedTo(db: Executor, r: ContactRecord, limit = 200): Promise<string[]> {
  const rows = await db
    .selectFrom('cases')
    .select('id')
    .where('tenant_id', '=', r.tenantId)
    .where((eb) =>
      eb.or([
        eb('interaction_id', '=', r.id),
        ...(r.customerId ? [eb('customer_id', '=', r.customerId)] : []),
      ]),
    )
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}
