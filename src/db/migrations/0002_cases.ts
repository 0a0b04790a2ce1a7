import type { Kysely } from 'kysely';

/**
 * Case types, queues, customers, cases with their track, follows and search index. Every table is
 * keyed by tenant first; the indexes match the workbench's views and sorts (see docs/BENCHMARKS.md).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('case_types')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('parent_id', 'text')
    .addColumn('ou_id', 'text')
    .addColumn('process', 'text', (c) => c.notNull())
    .addColumn('strict_order', 'integer', (c) => c.notNull())
    .addColumn('verify_tasks', 'integer', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('custom_fields', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_types_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('case_types_name_unique', ['tenant_id', 'name'])
    .addForeignKeyConstraint('case_types_parent_fk', ['tenant_id', 'parent_id'], 'case_types', [
      'tenant_id',
      'id',
    ])
    .addForeignKeyConstraint('case_types_ou_fk', ['tenant_id', 'ou_id'], 'ous', ['tenant_id', 'id'])
    .execute();

  await db.schema
    .createTable('queues')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('ou_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('queues_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('queues_name_unique', ['tenant_id', 'name'])
    .addForeignKeyConstraint('queues_ou_fk', ['tenant_id', 'ou_id'], 'ous', ['tenant_id', 'id'])
    .execute();

  await db.schema
    .createTable('queue_members')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('queue_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('queue_members_pk', ['tenant_id', 'queue_id', 'user_id'])
    .addForeignKeyConstraint(
      'queue_members_queue_fk',
      ['tenant_id', 'queue_id'],
      'queues',
      ['tenant_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint('queue_members_user_fk', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('queue_members_user_idx')
    .on('queue_members')
    .columns(['tenant_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('customers')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text')
    .addColumn('phones', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('email', 'text')
    .addColumn('company', 'text')
    .addColumn('address', 'text')
    .addColumn('remark', 'text')
    .addColumn('ou_id', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('customers_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('customers_ou_fk', ['tenant_id', 'ou_id'], 'ous', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('customers_name_idx').on('customers').columns(['tenant_id', 'name']).execute();

  await db.schema
    .createTable('case_counters')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id'))
    .addColumn('last_no', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('cases')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('case_no', 'integer', (c) => c.notNull())
    .addColumn('type_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('priority_rank', 'integer', (c) => c.notNull())
    .addColumn('original_priority', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('contact_phone', 'text')
    .addColumn('owner_id', 'text')
    .addColumn('queue_id', 'text')
    .addColumn('creator_id', 'text', (c) => c.notNull())
    .addColumn('ou_id', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('prior_state', 'text')
    .addColumn('prior_status', 'text')
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('suspended_ms', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('paused_at', 'text')
    .addColumn('merged_into_id', 'text')
    .addColumn('interaction_id', 'text')
    .addColumn('customer_notify', 'text', (c) => c.notNull())
    .addColumn('custom_fields', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text')
    .addColumn('due_at_source', 'text')
    // due_at with "no due time" as the largest value, so both databases sort it last the same way.
    .addColumn('due_sort', 'text', (c) => c.notNull())
    .addColumn('sla_started_at', 'text', (c) => c.notNull())
    .addColumn('paused_ms_since_start', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addPrimaryKeyConstraint('cases_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('cases_no_unique', ['tenant_id', 'case_no'])
    .addForeignKeyConstraint('cases_type_fk', ['tenant_id', 'type_id'], 'case_types', ['tenant_id', 'id'])
    .addForeignKeyConstraint('cases_customer_fk', ['tenant_id', 'customer_id'], 'customers', [
      'tenant_id',
      'id',
    ])
    .addForeignKeyConstraint('cases_owner_fk', ['tenant_id', 'owner_id'], 'users', ['tenant_id', 'id'])
    .addForeignKeyConstraint('cases_queue_fk', ['tenant_id', 'queue_id'], 'queues', ['tenant_id', 'id'])
    .addForeignKeyConstraint('cases_creator_fk', ['tenant_id', 'creator_id'], 'users', ['tenant_id', 'id'])
    .addForeignKeyConstraint('cases_ou_fk', ['tenant_id', 'ou_id'], 'ous', ['tenant_id', 'id'])
    .addForeignKeyConstraint('cases_merged_into_fk', ['tenant_id', 'merged_into_id'], 'cases', [
      'tenant_id',
      'id',
    ])
    .execute();
  // One index per way the workbench reaches cases; the sort column comes last so pages are index walks.
  const caseIndexes: [string, string[]][] = [
    ['cases_owner_idx', ['tenant_id', 'owner_id', 'state', 'due_sort']],
    ['cases_queue_idx', ['tenant_id', 'queue_id', 'state', 'due_sort']],
    ['cases_creator_idx', ['tenant_id', 'creator_id', 'created_at']],
    ['cases_customer_idx', ['tenant_id', 'customer_id', 'created_at']],
    ['cases_type_idx', ['tenant_id', 'type_id', 'status']],
    ['cases_created_idx', ['tenant_id', 'created_at']],
    ['cases_updated_idx', ['tenant_id', 'updated_at']],
    ['cases_due_idx', ['tenant_id', 'state', 'due_sort']],
    ['cases_priority_idx', ['tenant_id', 'priority_rank', 'created_at']],
    ['cases_merged_into_idx', ['tenant_id', 'merged_into_id']],
    ['cases_ou_idx', ['tenant_id', 'ou_id', 'created_at']],
  ];
  for (const [name, columns] of caseIndexes)
    await db.schema.createIndex(name).on('cases').columns(columns).execute();

  await db.schema
    .createTable('case_track')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('remark', 'text')
    .addColumn('changes', 'text')
    .addColumn('body', 'text')
    .addPrimaryKeyConstraint('case_track_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('case_track_case_fk', ['tenant_id', 'case_id'], 'cases', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('case_track_case_idx')
    .on('case_track')
    .columns(['tenant_id', 'case_id', 'at', 'id'])
    .execute();

  // Who acted on which case (other than creating or commenting): the "Processed" view.
  await db.schema
    .createTable('case_actors')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('last_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_actors_pk', ['tenant_id', 'user_id', 'case_id'])
    .addForeignKeyConstraint('case_actors_case_fk', ['tenant_id', 'case_id'], 'cases', ['tenant_id', 'id'])
    .execute();

  await db.schema
    .createTable('case_follows')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_follows_pk', ['tenant_id', 'user_id', 'case_id'])
    .addForeignKeyConstraint('case_follows_case_fk', ['tenant_id', 'case_id'], 'cases', ['tenant_id', 'id'])
    .execute();

  // Full-text index of our own (DESIGN.md): CJK character bigrams and lower-cased words of other
  // scripts, written in the same transaction as the case or comment.
  await db.schema
    .createTable('case_search_terms')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_search_terms_pk', ['tenant_id', 'term', 'case_id', 'source'])
    .execute();
  await db.schema
    .createIndex('case_search_terms_case_idx')
    .on('case_search_terms')
    .columns(['tenant_id', 'case_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'case_search_terms',
    'case_follows',
    'case_actors',
    'case_track',
    'cases',
    'case_counters',
    'customers',
    'queue_members',
    'queues',
    'case_types',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
