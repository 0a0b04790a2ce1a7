import type { Channel, TemplateKind } from '../../../contract/notifications.js';
import type { Executor } from '../../db/connection.js';
import { fromBool, toBool } from '../../db/json.js';
import type { ReminderTemplatesTable } from '../../db/schema.js';
import type { ReminderTemplate } from './template.js';

function toTemplate(row: ReminderTemplatesTable): ReminderTemplate {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    name: row.name,
    kind: row.kind as TemplateKind,
    channel: row.channel as Channel,
    subject: row.subject,
    body: row.body,
    enabled: toBool(row.enabled),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRow(t: ReminderTemplate): ReminderTemplatesTable {
  return {
    tenant_id: t.tenantId,
    id: t.id,
    name: t.name,
    kind: t.kind,
    channel: t.channel,
    subject: t.subject,
    body: t.body,
    enabled: fromBool(t.enabled),
    created_at: t.createdAt,
    updated_at: t.updatedAt,
  };
}

export async function findTemplate(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<ReminderTemplate | undefined> {
  const row = await db
    .selectFrom('reminder_templates')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toTemplate(row);
}

export async function listTemplates(db: Executor, tenantId: string): Promise<ReminderTemplate[]> {
  const rows = await db
    .selectFrom('reminder_templates')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('kind')
    .orderBy('channel')
    .orderBy('name')
    .execute();
  return rows.map(toTemplate);
}

/** The enabled templates of one kind (at most one per channel). */
export async function enabledTemplatesOfKind(
  db: Executor,
  tenantId: string,
  kind: TemplateKind,
): Promise<ReminderTemplate[]> {
  const rows = await db
    .selectFrom('reminder_templates')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', kind)
    .where('enabled', '=', 1)
    .orderBy('channel')
    .execute();
  return rows.map(toTemplate);
}

export async function findByName(
  db: Executor,
  tenantId: string,
  name: string,
): Promise<ReminderTemplate | undefined> {
  const row = await db
    .selectFrom('reminder_templates')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row && toTemplate(row);
}

export async function insertTemplate(db: Executor, t: ReminderTemplate): Promise<void> {
  await db.insertInto('reminder_templates').values(toRow(t)).execute();
}

export async function updateTemplateRow(db: Executor, t: ReminderTemplate): Promise<void> {
  const { tenant_id: _tenant, id: _id, created_at: _created, ...rest } = toRow(t);
  await db
    .updateTable('reminder_templates')
    .set(rest)
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', t.id)
    .execute();
}

export async function deleteTemplateRow(db: Executor, tenantId: string, id: string): Promise<void> {
  await db.deleteFrom('reminder_templates').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}
