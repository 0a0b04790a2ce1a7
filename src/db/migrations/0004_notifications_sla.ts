import type { Kysely } from 'kysely';

/**
 * Business calendars, SLA rules, reminder templates, notification channels, the notification outbox,
 * SLA marks (one per case, kind and due time), urges and the automatic-assignment rule.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('calendars')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('weekly', 'text', (c) => c.notNull())
    .addColumn('holidays', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('calendars_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('calendars_name_unique', ['tenant_id', 'name'])
    .execute();

  await db.schema
    .createTable('sla_rules')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('case_type_id', 'text')
    .addColumn('targets', 'text', (c) => c.notNull())
    .addColumn('warn_before_minutes', 'integer', (c) => c.notNull())
    .addColumn('calendar_id', 'text')
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sla_rules_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('sla_rules_name_unique', ['tenant_id', 'name'])
    .addForeignKeyConstraint('sla_rules_type_fk', ['tenant_id', 'case_type_id'], 'case_types', [
      'tenant_id',
      'id',
    ])
    .addForeignKeyConstraint('sla_rules_calendar_fk', ['tenant_id', 'calendar_id'], 'calendars', [
      'tenant_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('sla_rules_type_idx')
    .on('sla_rules')
    .columns(['tenant_id', 'case_type_id', 'active'])
    .execute();

  await db.schema
    .createTable('reminder_templates')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reminder_templates_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('reminder_templates_name_unique', ['tenant_id', 'name'])
    .execute();
  await db.schema
    .createIndex('reminder_templates_kind_idx')
    .on('reminder_templates')
    .columns(['tenant_id', 'kind', 'channel', 'enabled'])
    .execute();

  // One row per tenant; secrets live here and are never returned by the API.
  await db.schema
    .createTable('notification_channels')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id'))
    .addColumn('smtp', 'text')
    .addColumn('sms', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // The transactional outbox: written in the transaction of the change that causes it, sent by the
  // worker, which claims a row with a conditional UPDATE. `message_id` is fixed at creation, so a
  // resend after a crash carries the same Message-ID.
  await db.schema
    .createTable('notifications')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text')
    .addColumn('recipient_user_id', 'text')
    .addColumn('subject', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('claimed_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addPrimaryKeyConstraint('notifications_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('notifications_dedupe_unique', ['tenant_id', 'dedupe_key'])
    .execute();
  await db.schema
    .createIndex('notifications_due_idx')
    .on('notifications')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('notifications_tenant_idx')
    .on('notifications')
    .columns(['tenant_id', 'created_at'])
    .execute();

  // SLA warnings and timeouts already made, unique per (case, kind, due time): the sweep can run
  // twice, or on two workers at once, and still make each notification once.
  await db.schema
    .createTable('sla_marks')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sla_marks_pk', ['tenant_id', 'case_id', 'kind', 'due_at'])
    .execute();
  // When the SLA warning point of a case falls (null without a rule or due time): the sweep's index.
  await db.schema.alterTable('cases').addColumn('sla_warn_at', 'text').execute();
  await db.schema.createIndex('cases_sla_warn_idx').on('cases').columns(['state', 'sla_warn_at']).execute();
  await db.schema.createIndex('cases_sla_due_idx').on('cases').columns(['state', 'due_at']).execute();

  await db.schema
    .createTable('case_urges')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('last_urged_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_urges_pk', ['tenant_id', 'case_id'])
    .execute();

  await db.schema
    .createTable('assignment_rules')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id'))
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('default_owner', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('cases_sla_due_idx').execute();
  await db.schema.dropIndex('cases_sla_warn_idx').execute();
  await db.schema.alterTable('cases').dropColumn('sla_warn_at').execute();
  for (const table of [
    'assignment_rules',
    'case_urges',
    'sla_marks',
    'notifications',
    'notification_channels',
    'reminder_templates',
    'sla_rules',
    'calendars',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
