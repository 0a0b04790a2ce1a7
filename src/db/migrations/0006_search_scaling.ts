import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Search and To do pages that do not grow with the tenant (docs/decisions/0008):
 * - `case_search_terms` holds one row per case and term, with the case's creation time, keyed
 *   (tenant, term, case creation time, case): the newest cases holding a term are an index walk that
 *   stops after one page. On SQLite the table is WITHOUT ROWID (the key is the table).
 * - Words are indexed under their prefixes (1–16 characters) too, so a word query is one exact term.
 *   The index is rebuilt here from the cases' titles, descriptions and comments.
 * - The To do view's branches (mine; unclaimed in one of my queues) get indexes in creation order and
 *   in due-time order, ending in the id, so each branch's page is an index walk in the list's order.
 */

// The tokeniser as of this migration (src/domain/cases/search-terms.ts may change later; a migration
// must not). `prefixes: false` is the tokeniser of 0002–0005.
const CJK_CLASS = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}`;
const CJK = new RegExp(`[${CJK_CLASS}]`, 'u');
const RUN = new RegExp(String.raw`[${CJK_CLASS}]+|[[\p{L}\p{N}]--[${CJK_CLASS}]]+`, 'gv');
const MAX_TERM = 64;
const PREFIX_MAX = 16;

function termsOf(text: string, prefixes: boolean): string[] {
  const terms = new Set<string>();
  for (const match of text.normalize('NFKC').toLowerCase().matchAll(RUN)) {
    const run = match[0];
    if (CJK.test(run)) {
      const chars = Array.from(run);
      if (chars.length === 1) terms.add(run);
      for (let i = 0; i < chars.length - 1; i++) terms.add(`${chars[i] ?? ''}${chars[i + 1] ?? ''}`);
      continue;
    }
    const word = run.slice(0, MAX_TERM);
    terms.add(word);
    if (!prefixes) continue;
    const chars = Array.from(word);
    for (let n = 1; n <= Math.min(chars.length - 1, PREFIX_MAX); n++) terms.add(chars.slice(0, n).join(''));
  }
  return [...terms];
}

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

interface CaseText {
  tenant_id: string;
  id: string;
  created_at: string;
  title: string;
  description: string;
}

interface CommentText {
  case_id: string;
  body: string;
}

interface NewRow {
  tenant_id: string;
  term: string;
  case_created_at: string;
  case_id: string;
}

interface OldRow {
  tenant_id: string;
  term: string;
  case_id: string;
  source: string;
}

/** Every case with its comments (keyed "tenant case"), a batch at a time, in key order. */
async function eachBatch(
  db: Kysely<unknown>,
  visit: (cases: CaseText[], comments: Map<string, string[]>) => Promise<void>,
): Promise<void> {
  let after: { tenant_id: string; id: string } | null = null;
  for (;;) {
    const from: { tenant_id: string; id: string } | null = after;
    const batch: { rows: CaseText[] } = await sql<CaseText>`
      select tenant_id, id, created_at, title, description from cases
      ${from ? sql`where (tenant_id, id) > (${from.tenant_id}, ${from.id})` : sql``}
      order by tenant_id, id
      limit 500`.execute(db);
    const cases: CaseText[] = batch.rows;
    const last: CaseText | undefined = cases.at(-1);
    if (!last) return;
    after = last;
    const comments = new Map<string, string[]>();
    for (const tenantId of new Set(cases.map((c) => c.tenant_id))) {
      const ids = cases.filter((c) => c.tenant_id === tenantId).map((c) => c.id);
      const found: { rows: CommentText[] } = await sql<CommentText>`
        select case_id, body from case_track
        where tenant_id = ${tenantId} and kind = 'comment' and body is not null
          and case_id in (${sql.join(ids)})`.execute(db);
      for (const row of found.rows) {
        const key = `${tenantId} ${row.case_id}`;
        comments.set(key, [...(comments.get(key) ?? []), row.body]);
      }
    }
    await visit(cases, comments);
  }
}

async function insertNew(db: Kysely<unknown>, rows: NewRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .withTables<{ case_search_terms_next: NewRow }>()
      .insertInto('case_search_terms_next')
      .values(rows.slice(i, i + 1000))
      .execute();
}

async function insertOld(db: Kysely<unknown>, rows: OldRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .withTables<{ case_search_terms_prev: OldRow }>()
      .insertInto('case_search_terms_prev')
      .values(rows.slice(i, i + 1000))
      .execute();
}

/** My cases per state, newest first (To do, Processed). */
const OWNER_CREATED: [string, string[]] = [
  'cases_owner_created_idx',
  ['tenant_id', 'owner_id', 'state', 'created_at', 'id'],
];
/**
 * The unclaimed cases of a queue per state, newest first and by due time. Partial (`owner_id is
 * null`): with `owner_id` as an index column, PostgreSQL cannot use the order of the columns after it
 * (`is null` is no equality to its planner), so each page would sort the queue's unclaimed cases.
 */
const UNCLAIMED: [string, string[]][] = [
  ['cases_unclaimed_created_idx', ['tenant_id', 'queue_id', 'state', 'created_at', 'id']],
  ['cases_unclaimed_due_idx', ['tenant_id', 'queue_id', 'state', 'due_sort', 'id']],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const table = db.schema
    .createTable('case_search_terms_next')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('case_created_at', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_search_terms_next_pk', [
      'tenant_id',
      'term',
      'case_created_at',
      'case_id',
    ]);
  // SQLite would otherwise store every term twice: once in the table, once in its key's index.
  await (isPostgres(db) ? table : table.modifyEnd(sql`without rowid`)).execute();
  await eachBatch(db, async (cases, comments) => {
    const rows: NewRow[] = [];
    for (const c of cases) {
      const texts = [`${c.title}\n${c.description}`, ...(comments.get(`${c.tenant_id} ${c.id}`) ?? [])];
      for (const term of new Set(texts.flatMap((text) => termsOf(text, true))))
        rows.push({ tenant_id: c.tenant_id, term, case_created_at: c.created_at, case_id: c.id });
    }
    await insertNew(db, rows);
  });
  await db.schema.dropTable('case_search_terms').execute();
  await db.schema.alterTable('case_search_terms_next').renameTo('case_search_terms').execute();
  if (isPostgres(db))
    await sql`ALTER TABLE case_search_terms RENAME CONSTRAINT case_search_terms_next_pk TO case_search_terms_pk`.execute(
      db,
    );
  await db.schema
    .createIndex('case_search_terms_case_idx')
    .on('case_search_terms')
    .columns(['tenant_id', 'case_id', 'term'])
    .execute();

  await db.schema.createIndex(OWNER_CREATED[0]).on('cases').columns(OWNER_CREATED[1]).execute();
  for (const [name, columns] of UNCLAIMED)
    await db.schema
      .createIndex(name)
      .on('cases')
      .columns(columns)
      .where(sql.ref('owner_id'), 'is', null)
      .execute();
  // The due-time walk of my cases: the id last, so ties need no sort.
  await db.schema.dropIndex('cases_owner_idx').execute();
  await db.schema
    .createIndex('cases_owner_idx')
    .on('cases')
    .columns(['tenant_id', 'owner_id', 'state', 'due_sort', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('cases_owner_idx').execute();
  await db.schema
    .createIndex('cases_owner_idx')
    .on('cases')
    .columns(['tenant_id', 'owner_id', 'state', 'due_sort'])
    .execute();
  for (const [name] of UNCLAIMED) await db.schema.dropIndex(name).execute();
  await db.schema.dropIndex(OWNER_CREATED[0]).execute();

  // The earlier index: words without their prefixes, a row per source (text, comments).
  await db.schema
    .createTable('case_search_terms_prev')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_search_terms_prev_pk', ['tenant_id', 'term', 'case_id', 'source'])
    .execute();
  await eachBatch(db, async (cases, comments) => {
    const rows: OldRow[] = [];
    for (const c of cases) {
      for (const term of termsOf(`${c.title}\n${c.description}`, false))
        rows.push({ tenant_id: c.tenant_id, term, case_id: c.id, source: 'case' });
      const commentTerms = new Set(
        (comments.get(`${c.tenant_id} ${c.id}`) ?? []).flatMap((body) => termsOf(body, false)),
      );
      for (const term of commentTerms)
        rows.push({ tenant_id: c.tenant_id, term, case_id: c.id, source: 'comment' });
    }
    await insertOld(db, rows);
  });
  await db.schema.dropTable('case_search_terms').execute();
  await db.schema.alterTable('case_search_terms_prev').renameTo('case_search_terms').execute();
  if (isPostgres(db))
    await sql`ALTER TABLE case_search_terms RENAME CONSTRAINT case_search_terms_prev_pk TO case_search_terms_pk`.execute(
      db,
    );
  await db.schema
    .createIndex('case_search_terms_case_idx')
    .on('case_search_terms')
    .columns(['tenant_id', 'case_id', 'source', 'term'])
    .execute();
}
