import type { Channel, NotificationStatus } from '../../../contract/notifications.js';
import type { Executor } from '../../db/connection.js';
import type { NotificationsTable } from '../../db/schema.js';

export type OutboxRow = NotificationsTable;

export async function insertOutboxRows(db: Executor, rows: readonly OutboxRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('notifications')
    .values([...rows])
    .execute();
}

export function presentNotification(row: OutboxRow) {
  return {
    id: row.id,
    caseId: row.case_id,
    kind: row.kind,
    channel: row.channel as Channel,
    recipient: row.recipient,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    messageId: row.message_id,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

/** The tenant's outbox, newest first, paged by (created_at, id). */
export async function pageOutbox(
  db: Executor,
  tenantId: string,
  filter: {
    caseId?: string | undefined;
    status?: NotificationStatus | undefined;
    limit: number;
    after?: { createdAt: string; id: string } | undefined;
  },
): Promise<{ rows: OutboxRow[]; total: number }> {
  let base = db.selectFrom('notifications').where('tenant_id', '=', tenantId);
  if (filter.caseId) base = base.where('case_id', '=', filter.caseId);
  if (filter.status) base = base.where('status', '=', filter.status);
  let page = base.selectAll();
  const after = filter.after;
  if (after) {
    page = page.where((eb) =>
      eb.or([
        eb('created_at', '<', after.createdAt),
        eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    page
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit + 1)
      .execute(),
    base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
