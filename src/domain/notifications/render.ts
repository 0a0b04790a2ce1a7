import { PLACEHOLDER } from '../../../contract/notifications.js';
import type { Executor } from '../../db/connection.js';
import { evaluationLinkOf } from '../evaluations/evaluation-link.js';
import type { Case, CustomFieldValue } from '../cases/case.js';
import { findCaseTypeRules } from '../cases/case-type-rules.repository.js';
import { findCustomer } from '../customers/customers.repository.js';
import { findUser } from '../org/users.repository.js';
import { findQueue } from '../config/queues.repository.js';

/** Variable name → value, as text. Unknown names render as empty text (the contract refuses them on save). */
export type TemplateValues = Readonly<Record<string, string>>;

export type Escaping = 'raw' | 'html' | 'json';

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The inside of a JSON string literal: safe to place between the quotes of a JSON template. */
export function escapeJsonString(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

const ESCAPES: Record<Escaping, (text: string) => string> = {
  raw: (t) => t,
  html: escapeHtml,
  json: escapeJsonString,
};

/**
 * Replaces every `{{name}}` in one pass, so a value that itself contains `{{...}}` is never expanded
 * again (no template injection through a case title).
 */
export function renderTemplate(template: string, values: TemplateValues, escaping: Escaping = 'raw'): string {
  const escape = ESCAPES[escaping];
  return template.replace(PLACEHOLDER, (_match, name: string) => escape(values[name.trim()] ?? ''));
}

/** The HTML part of an e-mail: the text part, escaped, with its line breaks kept. */
export function htmlOf(text: string): string {
  return `<!doctype html><html><body><div style="white-space:pre-wrap">${escapeHtml(text)}</div></body></html>`;
}

/**
 * The gateway's HTTP body: rendered with JSON-escaped values when the result parses as JSON (then
 * sent as application/json), otherwise with the values as they are, as text/plain (SPEC §13).
 */
export function renderSmsBody(
  bodyTemplate: string,
  values: { to: string; text: string },
): { body: string; contentType: 'application/json' | 'text/plain; charset=utf-8' } {
  const asJson = renderTemplate(bodyTemplate, values, 'json');
  try {
    JSON.parse(asJson);
    return { body: asJson, contentType: 'application/json' };
  } catch {
    return { body: renderTemplate(bodyTemplate, values, 'raw'), contentType: 'text/plain; charset=utf-8' };
  }
}

function fieldText(value: CustomFieldValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/** The values of API.md's template variables for one case, read with the caller's executor. */
export async function caseTemplateValues(
  db: Executor,
  c: Case,
  options: { publicUrl: string; now: Date },
): Promise<Record<string, string>> {
  const [type, customer, owner, queue, evaluation] = await Promise.all([
    findCaseTypeRules(db, c.tenantId, c.typeId),
    findCustomer(db, c.tenantId, c.customerId),
    c.ownerId ? findUser(db, c.tenantId, c.ownerId) : Promise.resolve(undefined),
    !c.ownerId && c.queueId ? findQueue(db, c.tenantId, c.queueId) : Promise.resolve(undefined),
    c.state === 'closed' ? evaluationLinkOf(db, c, options.publicUrl, options.now) : Promise.resolve(null),
  ]);
  const values: Record<string, string> = {
    'case.no': String(c.caseNo),
    'case.title': c.title,
    'case.state': c.state,
    'case.status': c.status,
    'case.priority': c.priority,
    'case.dueAt': c.dueAt ?? '',
    'case.link': `${options.publicUrl}/cases/${c.id}`,
    'case.type': type?.name ?? '',
    'owner.name': owner?.name ?? queue?.name ?? '',
    'customer.name': customer?.name ?? '',
    'evaluation.link': evaluation?.url ?? '',
  };
  for (const [key, value] of Object.entries(c.customFields)) values[`customFields.${key}`] = fieldText(value);
  return values;
}

/** Sample values for previews without a case. */
export const SAMPLE_VALUES: TemplateValues = {
  'case.no': '1024',
  'case.title': 'Refund not received',
  'case.state': 'open',
  'case.status': 'In progress',
  'case.priority': 'high',
  'case.dueAt': '2026-01-06T09:00:00.000Z',
  'case.link': 'https://casedesk.example/cases/sample',
  'case.type': 'Complaint',
  'owner.name': 'Alex Agent',
  'customer.name': 'Chris Customer',
  'evaluation.link': 'https://casedesk.example/evaluate/sample',
};
