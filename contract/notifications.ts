import { z } from 'zod';
import { idSchema, LIMITS, nameSchema, pageQuery, timestampSchema } from './common.js';
import {
  TEMPLATE_KINDS,
  CHANNELS,
  NOTIFICATION_STATUSES,
  TEMPLATE_LIMITS,
  TEMPLATE_VARIABLES,
} from './constants.js';
export {
  TEMPLATE_KINDS,
  CHANNELS,
  NOTIFICATION_STATUSES,
  TEMPLATE_LIMITS,
  TEMPLATE_VARIABLES,
} from './constants.js';
export type { TemplateKind, Channel, NotificationStatus } from './constants.js';

const CUSTOM_FIELD_VARIABLE = /^customFields\.[a-zA-Z][a-zA-Z0-9_]{0,31}$/;

/** `{{ name }}`: the one placeholder syntax of templates (and of the SMS gateway's body template). */
export const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
}

export function isTemplateVariable(name: string): boolean {
  return (TEMPLATE_VARIABLES as readonly string[]).includes(name) || CUSTOM_FIELD_VARIABLE.test(name);
}

function onlyVariables(allowed: (name: string) => boolean, hint: string) {
  return (text: string, ctx: z.RefinementCtx) => {
    const unknown = placeholdersOf(text).filter((name) => !allowed(name));
    if (unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `Unknown variable${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `{{${n}}}`).join(', ')}; ${hint}`,
      });
    }
  };
}

const VARIABLE_HINT = `allowed are ${TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join(' ')} {{customFields.<key>}}.`;
const templateText = (max: number) =>
  z.string().max(max).superRefine(onlyVariables(isTemplateVariable, VARIABLE_HINT));

const templateSubject = templateText(TEMPLATE_LIMITS.subjectMax).describe(
  'E-mail subject (ignored for SMS); may use the template variables',
);
const templateBody = templateText(TEMPLATE_LIMITS.bodyMax)
  .refine((v) => v.trim().length > 0, { error: 'The body must not be empty.' })
  .describe('Message text; may use the template variables');

export const createTemplateBody = z.strictObject({
  name: nameSchema,
  kind: z.enum(TEMPLATE_KINDS),
  channel: z.enum(CHANNELS),
  subject: templateSubject.optional(),
  body: templateBody,
  enabled: z.boolean().default(true),
});
export const updateTemplateBody = z.strictObject({
  name: nameSchema.optional(),
  kind: z.enum(TEMPLATE_KINDS).optional(),
  channel: z.enum(CHANNELS).optional(),
  subject: templateSubject.nullable().optional(),
  body: templateBody.optional(),
  enabled: z.boolean().optional(),
});

export const templateSchema = z.object({
  id: idSchema,
  name: z.string(),
  kind: z.enum(TEMPLATE_KINDS),
  channel: z.enum(CHANNELS),
  subject: z.string().nullable(),
  body: z.string(),
  enabled: z.boolean(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});

export const previewBody = z.strictObject({
  kind: z.enum(TEMPLATE_KINDS),
  channel: z.enum(CHANNELS),
  subject: templateSubject.optional(),
  body: templateBody,
  caseId: idSchema.optional().describe('Render with this case; without it, with sample values'),
});
export const previewSchema = z.object({
  subject: z.string().nullable(),
  text: z.string().describe('The text part (e-mail) or the SMS message, variables as they are'),
  html: z.string().nullable().describe('The HTML part of an e-mail, variables HTML-escaped'),
});

const SMS_VARIABLES = ['to', 'text'];
const smtpInput = z.strictObject({
  host: z.string().trim().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  secure: z.boolean().default(false).describe('TLS from the start (port 465); otherwise STARTTLS if offered'),
  user: z.string().max(255).optional(),
  password: z.string().max(1024).optional().describe('Write-only; omitted keeps the stored one'),
  from: z
    .string()
    .trim()
    .min(1)
    .max(LIMITS.emailMax + 100),
});
const smsInput = z.strictObject({
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .describe('The gateway URL; the message is POSTed to it'),
  authHeader: z
    .string()
    .max(2000)
    .optional()
    .describe('Write-only value of the Authorization header; omitted keeps the stored one'),
  bodyTemplate: z
    .string()
    .min(1)
    .max(TEMPLATE_LIMITS.smsBodyTemplateMax)
    .superRefine(onlyVariables((n) => SMS_VARIABLES.includes(n), 'allowed are {{to}} and {{text}}.'))
    .describe('The HTTP body sent to the gateway, with {{to}} and {{text}}'),
});
export const channelsBody = z.strictObject({
  smtp: smtpInput.nullable().optional().describe('Omitted: unchanged; null: removed'),
  sms: smsInput.nullable().optional().describe('Omitted: unchanged; null: removed'),
});
export type ChannelsInput = z.output<typeof channelsBody>;

export const channelsSchema = z.object({
  smtp: z
    .object({
      host: z.string(),
      port: z.number().int(),
      secure: z.boolean(),
      user: z.string().nullable(),
      from: z.string(),
      passwordSet: z.boolean(),
    })
    .nullable(),
  sms: z.object({ url: z.string(), bodyTemplate: z.string(), authHeaderSet: z.boolean() }).nullable(),
});

export const channelTestBody = z.strictObject({
  channel: z.enum(CHANNELS),
  to: z.string().trim().min(1).max(LIMITS.emailMax).describe('An e-mail address or a phone number'),
});
export const channelTestSchema = z.object({
  ok: z.boolean(),
  error: z.string().nullable(),
  messageId: z.string(),
});

export const notificationSchema = z.object({
  id: idSchema,
  caseId: z.string().nullable(),
  kind: z.string(),
  channel: z.enum(CHANNELS),
  recipient: z.string().nullable(),
  status: z.enum(NOTIFICATION_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  messageId: z.string(),
  createdAt: timestampSchema,
  sentAt: timestampSchema.nullable(),
});
export const notificationListQuery = pageQuery.extend({
  caseId: idSchema.optional(),
  status: z.enum(NOTIFICATION_STATUSES).optional(),
});
