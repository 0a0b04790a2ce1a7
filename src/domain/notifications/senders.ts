import nodemailer from 'nodemailer';
import type { Channel } from '../../../contract/notifications.js';
import type { Channels } from './channels.repository.js';
import { htmlOf, renderSmsBody } from './render.js';

export interface OutgoingMessage {
  channel: Channel;
  to: string;
  subject: string | null;
  text: string;
  messageId: string;
}

export interface SendTimeouts {
  /** Milliseconds for connecting, the greeting and each socket read (SMTP), or the whole request (SMS). */
  timeoutMs: number;
}

/** Why a message could not be sent, short and free of secrets: it is stored as the row's last error. */
export class SendError extends Error {
  override name = 'SendError';
}

function describeError(error: unknown): string {
  if (error instanceof SendError) return error.message;
  if (error instanceof Error) {
    const code = 'code' in error && typeof error.code === 'string' ? `${error.code}: ` : '';
    return `${code}${error.message}`.slice(0, 500);
  }
  return String(error).slice(0, 500);
}

async function sendMail(channels: Channels, message: OutgoingMessage, timeouts: SendTimeouts): Promise<void> {
  const smtp = channels.smtp;
  if (!smtp) throw new SendError('channel_not_configured: no SMTP server is configured');
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
    connectionTimeout: timeouts.timeoutMs,
    greetingTimeout: timeouts.timeoutMs,
    socketTimeout: timeouts.timeoutMs,
  });
  try {
    await transport.sendMail({
      from: smtp.from,
      to: message.to,
      subject: message.subject ?? '',
      text: message.text,
      html: htmlOf(message.text),
      // Fixed when the row was made: a resend after a crash carries the same Message-ID (SPEC §13).
      messageId: message.messageId,
    });
  } finally {
    transport.close();
  }
}

async function sendSms(channels: Channels, message: OutgoingMessage, timeouts: SendTimeouts): Promise<void> {
  const sms = channels.sms;
  if (!sms) throw new SendError('channel_not_configured: no SMS gateway is configured');
  const { body, contentType } = renderSmsBody(sms.bodyTemplate, { to: message.to, text: message.text });
  const headers: Record<string, string> = { 'content-type': contentType, 'x-message-id': message.messageId };
  if (sms.authHeader) headers.authorization = sms.authHeader;
  const response = await fetch(sms.url, {
    method: 'POST',
    headers,
    body,
    signal: AbortSignal.timeout(timeouts.timeoutMs),
  });
  await response.arrayBuffer().catch(() => undefined);
  if (response.status < 200 || response.status > 299) {
    throw new SendError(`sms_gateway_status: the gateway answered ${response.status}`);
  }
}

/** Sends one message now; resolves with the error text on failure instead of throwing. */
export async function sendMessage(
  channels: Channels,
  message: OutgoingMessage,
  timeouts: SendTimeouts,
): Promise<{ ok: true } | { ok: false; error: string }> {
  try {
    if (message.channel === 'email') await sendMail(channels, message, timeouts);
    else await sendSms(channels, message, timeouts);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: describeError(error) };
  }
}
