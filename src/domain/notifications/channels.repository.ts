import type { ChannelsInput } from '../../../contract/notifications.js';
import type { Executor } from '../../db/connection.js';
import { fromJson, toJson } from '../../db/json.js';

export interface SmtpChannel {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  password: string | null;
  from: string;
}
export interface SmsChannel {
  url: string;
  authHeader: string | null;
  bodyTemplate: string;
}
/** A tenant's notification channels, secrets included: never logged, never returned by the API. */
export interface Channels {
  smtp: SmtpChannel | null;
  sms: SmsChannel | null;
}

export async function findChannels(db: Executor, tenantId: string): Promise<Channels> {
  const row = await db
    .selectFrom('notification_channels')
    .select(['smtp', 'sms'])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return {
    smtp: row?.smtp ? fromJson<SmtpChannel>(row.smtp) : null,
    sms: row?.sms ? fromJson<SmsChannel>(row.sms) : null,
  };
}

/**
 * Applies a PUT: an omitted block stays, `null` removes it, a given block replaces it, except that an
 * omitted secret (SMTP password, SMS auth header) keeps the stored one (SPEC §13).
 */
export function mergeChannels(stored: Channels, input: ChannelsInput): Channels {
  const smtp =
    input.smtp === undefined
      ? stored.smtp
      : input.smtp === null
        ? null
        : {
            host: input.smtp.host,
            port: input.smtp.port,
            secure: input.smtp.secure,
            user: input.smtp.user ?? null,
            password: input.smtp.password ?? stored.smtp?.password ?? null,
            from: input.smtp.from,
          };
  const sms =
    input.sms === undefined
      ? stored.sms
      : input.sms === null
        ? null
        : {
            url: input.sms.url,
            authHeader: input.sms.authHeader ?? stored.sms?.authHeader ?? null,
            bodyTemplate: input.sms.bodyTemplate,
          };
  return { smtp, sms };
}

export async function saveChannels(
  db: Executor,
  tenantId: string,
  channels: Channels,
  now: string,
): Promise<void> {
  const values = {
    smtp: channels.smtp ? toJson(channels.smtp) : null,
    sms: channels.sms ? toJson(channels.sms) : null,
    updated_at: now,
  };
  await db
    .insertInto('notification_channels')
    .values({ tenant_id: tenantId, ...values })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values))
    .execute();
}

/** What the API shows of the channels: everything but the secrets, and whether each is set. */
export function presentChannels(channels: Channels) {
  return {
    smtp: channels.smtp && {
      host: channels.smtp.host,
      port: channels.smtp.port,
      secure: channels.smtp.secure,
      user: channels.smtp.user,
      from: channels.smtp.from,
      passwordSet: channels.smtp.password !== null && channels.smtp.password !== '',
    },
    sms: channels.sms && {
      url: channels.sms.url,
      bodyTemplate: channels.sms.bodyTemplate,
      authHeaderSet: channels.sms.authHeader !== null && channels.sms.authHeader !== '',
    },
  };
}
