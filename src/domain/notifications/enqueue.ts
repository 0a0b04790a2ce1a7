import { randomUUID } from 'node:crypto';
import type { Channel, TemplateKind } from '../../../contract/notifications.js';
import type { Tx } from '../../db/connection.js';
import { newId } from '../../lib/ids.js';
import type { Case } from '../cases/case.js';
import { findQueue } from '../config/queues.repository.js';
import type { AppContext } from '../context.js';
import { findCustomer } from '../customers/customers.repository.js';
import { findUser } from '../org/users.repository.js';
import { findChannels } from './channels.repository.js';
import { insertOutboxRows, type OutboxRow } from './outbox.repository.js';
import { caseTemplateValues, renderTemplate } from './render.js';
import { enabledTemplatesOfKind } from './templates.repository.js';

/** A stable Message-ID, made once with the row, so that a resend after a crash can be recognised. */
export function newMessageId(): string {
  return `<${randomUUID()}@casedesk>`;
}

interface Recipient {
  userId: string | null;
  email: string | null;
  phone: string | null;
}

/** Who owns a case for notifications: its owner, or every member of the queue that owns it. */
export async function ownerUserIds(trx: Tx, c: Case): Promise<string[]> {
  if (c.ownerId) return [c.ownerId];
  if (c.queueId) return (await findQueue(trx, c.tenantId, c.queueId))?.memberIds ?? [];
  return [];
}

/** Active users as recipients; disabled users get nothing. */
async function usersAsRecipients(
  trx: Tx,
  tenantId: string,
  userIds: readonly string[],
): Promise<Recipient[]> {
  const users = await Promise.all(userIds.map((id) => findUser(trx, tenantId, id)));
  return users
    .filter((u) => u !== undefined && !u.disabled)
    .map((u) => ({ userId: u?.id ?? null, email: u?.email ?? null, phone: u?.phone ?? null }));
}

export interface EnqueueInput {
  kind: TemplateKind;
  caseAfter: Case;
  recipients: 'owner' | 'customer';
  /** The person who made the change: never notified of it (SPEC §13). */
  excludeUserId?: string | undefined;
  /** Makes the notification unique (e.g. per case, kind and due time for SLA marks). */
  dedupeKey?: string | undefined;
  /** More users to tell beside the owner (the owner's OU leaders for SLA notices); duplicates are dropped. */
  alsoUserIds?: readonly string[] | undefined;
}

/**
 * Renders the enabled template(s) of `kind` for the case and writes outbox rows in the caller's
 * transaction: they commit with the change or not at all, and the worker sends them after commit.
 * One row per recipient and channel; a recipient without an address for a channel gets a `failed`
 * row (`no_address`), a tenant without that channel configured a `failed` row
 * (`channel_not_configured`), so the outbox shows why nothing went out. Returns the rows written.
 */
export async function enqueueCaseNotification(
  trx: Tx,
  ctx: AppContext,
  input: EnqueueInput,
): Promise<OutboxRow[]> {
  const c = input.caseAfter;
  if (c.state === 'merged') return [];
  const templates = await enabledTemplatesOfKind(trx, c.tenantId, input.kind);
  if (templates.length === 0) return [];

  let recipients: Recipient[];
  let channelsWanted: ReadonlySet<Channel> = new Set(['email', 'sms']);
  if (input.recipients === 'customer') {
    const customer = await findCustomer(trx, c.tenantId, c.customerId);
    if (!customer) return [];
    recipients = [{ userId: null, email: customer.email, phone: customer.phones[0] ?? null }];
    channelsWanted = new Set<Channel>([
      ...(c.customerNotify.email ? (['email'] as const) : []),
      ...(c.customerNotify.sms ? (['sms'] as const) : []),
    ]);
  } else {
    const owners = await ownerUserIds(trx, c);
    const extra = (input.alsoUserIds ?? []).filter((id) => !owners.includes(id));
    recipients = (await usersAsRecipients(trx, c.tenantId, [...owners, ...new Set(extra)])).filter(
      (r) => input.excludeUserId === undefined || r.userId !== input.excludeUserId,
    );
  }
  if (recipients.length === 0 || channelsWanted.size === 0) return [];

  const now = ctx.clock.now();
  const iso = now.toISOString();
  const [values, channels] = await Promise.all([
    caseTemplateValues(trx, c, { publicUrl: ctx.config.publicUrl, now }),
    findChannels(trx, c.tenantId),
  ]);
  const rows: OutboxRow[] = [];
  for (const template of templates) {
    if (!channelsWanted.has(template.channel)) continue;
    const configured = template.channel === 'email' ? channels.smtp !== null : channels.sms !== null;
    const subject = template.subject === null ? null : renderTemplate(template.subject, values);
    const body = renderTemplate(template.body, values);
    for (const r of recipients) {
      const address = template.channel === 'email' ? r.email : r.phone;
      const error = !address ? 'no_address' : !configured ? 'channel_not_configured' : null;
      rows.push({
        tenant_id: c.tenantId,
        id: newId(),
        case_id: c.id,
        kind: input.kind,
        channel: template.channel,
        recipient: address ?? null,
        recipient_user_id: r.userId,
        subject: template.channel === 'email' ? subject : null,
        body,
        status: error ? 'failed' : 'pending',
        attempts: 0,
        next_attempt_at: iso,
        claimed_until: null,
        last_error: error,
        message_id: newMessageId(),
        dedupe_key: input.dedupeKey
          ? `${input.dedupeKey}:${template.channel}:${r.userId ?? 'customer'}`
          : null,
        created_at: iso,
        sent_at: null,
      });
    }
  }
  await insertOutboxRows(trx, rows);
  return rows;
}

/** Whether a reminder notice could go out at all: an enabled template whose channel is configured. */
export async function reminderConfigured(trx: Tx | AppContext['db'], tenantId: string): Promise<boolean> {
  const [templates, channels] = await Promise.all([
    enabledTemplatesOfKind(trx, tenantId, 'reminder'),
    findChannels(trx, tenantId),
  ]);
  return templates.some((t) => (t.channel === 'email' ? channels.smtp !== null : channels.sms !== null));
}
