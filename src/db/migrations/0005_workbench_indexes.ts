import type { Kysely } from 'kysely';

/**
 * Indexes found missing by the benchmark's query plans (docs/BENCHMARKS.md):
 * - re-indexing one case's text deleted its search terms through an index that only knew the tenant,
 *   reading every term of the tenant on SQLite; now (tenant, case, source, term) serves it;
 * - the queue half of the To do view needs "owner is null" in the index, not after it;
 * - queue memberships by user are read on every request; the index now covers the queue id.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('case_search_terms_case_idx').execute();
  await db.schema
    .createIndex('case_search_terms_case_idx')
    .on('case_search_terms')
    .columns(['tenant_id', 'case_id', 'source', 'term'])
    .execute();
  await db.schema.dropIndex('cases_queue_idx').execute();
  await db.schema
    .createIndex('cases_queue_idx')
    .on('cases')
    .columns(['tenant_id', 'queue_id', 'owner_id', 'state', 'due_sort'])
    .execute();
  await db.schema.dropIndex('queue_members_user_idx').execute();
  await db.schema
    .createIndex('queue_members_user_idx')
    .on('queue_members')
    .columns(['tenant_id', 'user_id', 'queue_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('queue_members_user_idx').execute();
  await db.schema
    .createIndex('queue_members_user_idx')
    .on('queue_members')
    .columns(['tenant_id', 'user_id'])
    .execute();
  await db.schema.dropIndex('cases_queue_idx').execute();
  await db.schema
    .createIndex('cases_queue_idx')
    .on('cases')
    .columns(['tenant_id', 'queue_id', 'state', 'due_sort'])
    .execute();
  await db.schema.dropIndex('case_search_terms_case_idx').execute();
  await db.schema
    .createIndex('case_search_terms_case_idx')
    .on('case_search_terms')
    .columns(['tenant_id', 'case_id'])
    .execute();
}
