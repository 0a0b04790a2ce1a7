import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Case details: attachments (of cases, tasks and internal records) with their budgets, case tasks with
 * handling records, internal records, contact records, evaluations, and the signing keys of
 * customer links.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per attachment owner (a case, a task or an internal record): the budget of SPEC §13,
  // reserved by a conditional UPDATE so that two uploads at once cannot together pass the limits.
  await db.schema
    .createTable('attachment_budgets')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('owner_kind', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('files', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('attachment_budgets_pk', ['tenant_id', 'owner_kind', 'owner_id'])
    .execute();

  await db.schema
    .createTable('attachments')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('owner_kind', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('storage', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('uploader_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('attachments_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('attachments_case_fk', ['tenant_id', 'case_id'], 'cases', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('attachments_owner_idx')
    .on('attachments')
    .columns(['tenant_id', 'owner_kind', 'owner_id', 'created_at'])
    .execute();

  // Content of attachments kept in the database (CASEDESK_ATTACHMENT_STORE=db), apart from the
  // metadata so that listing never reads blobs.
  await db.schema
    .createTable('attachment_contents')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    // The one type that differs: binary is bytea on PostgreSQL, blob on SQLite.
    .addColumn('content', db.getExecutor().adapter instanceof PostgresAdapter ? sql`bytea` : sql`blob`, (c) =>
      c.notNull(),
    )
    .addPrimaryKeyConstraint('attachment_contents_pk', ['tenant_id', 'storage_key'])
    .execute();

  await db.schema
    .createTable('case_tasks')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('ou_id', 'text')
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('creator_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addPrimaryKeyConstraint('case_tasks_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('case_tasks_case_fk', ['tenant_id', 'case_id'], 'cases', ['tenant_id', 'id'])
    .addForeignKeyConstraint('case_tasks_owner_fk', ['tenant_id', 'owner_id'], 'users', ['tenant_id', 'id'])
    .addForeignKeyConstraint('case_tasks_ou_fk', ['tenant_id', 'ou_id'], 'ous', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('case_tasks_case_idx')
    .on('case_tasks')
    .columns(['tenant_id', 'case_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('case_tasks_owner_idx')
    .on('case_tasks')
    .columns(['tenant_id', 'owner_id', 'status'])
    .execute();
  await db.schema
    .createIndex('case_tasks_ou_idx')
    .on('case_tasks')
    .columns(['tenant_id', 'ou_id', 'status'])
    .execute();
  await db.schema
    .createIndex('case_tasks_creator_idx')
    .on('case_tasks')
    .columns(['tenant_id', 'creator_id', 'created_at'])
    .execute();

  // Everyone who ever held or worked a task of a case: they keep read access to the case (SPEC §13)
  // and see the task in their Processed view.
  await db.schema
    .createTable('task_handlers')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('task_handlers_pk', ['tenant_id', 'user_id', 'task_id'])
    .execute();
  await db.schema
    .createIndex('task_handlers_case_idx')
    .on('task_handlers')
    .columns(['tenant_id', 'user_id', 'case_id'])
    .execute();

  await db.schema
    .createTable('task_records')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('task_records_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('task_records_task_fk', ['tenant_id', 'task_id'], 'case_tasks', [
      'tenant_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('task_records_task_idx')
    .on('task_records')
    .columns(['tenant_id', 'task_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('internal_records')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('internal_records_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('internal_records_case_fk', ['tenant_id', 'case_id'], 'cases', [
      'tenant_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('internal_records_case_idx')
    .on('internal_records')
    .columns(['tenant_id', 'case_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('contact_records')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('caller', 'text', (c) => c.notNull())
    .addColumn('callee', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text')
    .addColumn('customer_id', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('summary', 'text')
    .addColumn('creator_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('contact_records_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('contact_records_customer_fk', ['tenant_id', 'customer_id'], 'customers', [
      'tenant_id',
      'id',
    ])
    .addForeignKeyConstraint('contact_records_agent_fk', ['tenant_id', 'agent_id'], 'users', [
      'tenant_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('contact_records_customer_idx')
    .on('contact_records')
    .columns(['tenant_id', 'customer_id', 'started_at'])
    .execute();
  await db.schema
    .createIndex('cases_interaction_idx')
    .on('cases')
    .columns(['tenant_id', 'interaction_id'])
    .execute();

  // One evaluation per closing: `closing` is the case's reopen count when it was closed.
  await db.schema
    .createTable('evaluations')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('closing', 'integer', (c) => c.notNull())
    .addColumn('rating', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('evaluations_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('evaluations_closing_unique', ['tenant_id', 'case_id', 'closing'])
    .addForeignKeyConstraint('evaluations_case_fk', ['tenant_id', 'case_id'], 'cases', ['tenant_id', 'id'])
    .execute();

  // Keys for signed customer links (evaluation), shared by every server process.
  await db.schema
    .createTable('signing_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('cases_interaction_idx').execute();
  for (const table of [
    'signing_keys',
    'evaluations',
    'contact_records',
    'internal_records',
    'task_records',
    'task_handlers',
    'case_tasks',
    'attachment_contents',
    'attachments',
    'attachment_budgets',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
