import {
  sql,
  type AliasedSelectQueryBuilder,
  type Expression,
  type ExpressionBuilder,
  type SelectQueryBuilder,
  type SqlBool,
} from 'kysely';
import { PRIORITIES, type CaseListQuery, type CaseSort, type CaseView } from '../../../contract/cases.js';
import type { Executor } from '../../db/connection.js';
import type { CasesTable, Database } from '../../db/schema.js';
import { invalidField } from '../shared/errors.js';
import { capTotal, decodeCursor, encodeCursor, TOTAL_CAP } from '../shared/pagination.js';
import { NO_DUE_SORT, priorityRank, type Case } from './case.js';
import { visibleCasesCondition, type CaseViewer } from './case.policy.js';
import { toCase } from './cases.repository.js';
import {
  caseSearchCondition,
  caseSearchScanCondition,
  drivingTerm,
  parseCaseSearch,
  termEntries,
  entryTermsCondition,
  termWalk,
  type CaseSearch,
} from './search.repository.js';
import type { QueryTerm } from './search-terms.js';

type CaseQuery = SelectQueryBuilder<Database, 'cases', object>;
type Condition = (eb: ExpressionBuilder<Database, 'cases'>) => Expression<SqlBool>;

const LIVE = ['open', 'suspended'];
const FINISHED = ['closed', 'cancelled', 'merged'];

/**
 * The views defined by the caller's own work, as disjoint branches, each an exact prefix of an index
 * on `cases`, so that each reads only the work it names and never the rest of the tenant's history:
 * - To do (SPEC §8): my cases in one live state (`cases_owner_*`), and the unclaimed cases of one of
 *   my queues in one live state (`cases_queue_*`);
 * - Processed: the cases I acted on that others own or nobody does (`case_actors`), and my own cases
 *   in one finished state.
 * Null for the other views.
 */
function viewBranches(viewer: CaseViewer, view: CaseView): Condition[] | null {
  const { tenantId, userId } = viewer.actor;
  const mine =
    (state: string): Condition =>
    (eb) =>
      eb.and([
        eb('cases.tenant_id', '=', tenantId),
        eb('cases.owner_id', '=', userId),
        eb('cases.state', '=', state),
      ]);
  if (view === 'todo') {
    const branches = LIVE.map(mine);
    for (const queueId of [...viewer.queueIds].sort()) {
      for (const state of LIVE) {
        branches.push((eb) =>
          eb.and([
            eb('cases.tenant_id', '=', tenantId),
            eb('cases.queue_id', '=', queueId),
            eb('cases.owner_id', 'is', null),
            eb('cases.state', '=', state),
          ]),
        );
      }
    }
    return branches;
  }
  if (view === 'processed') {
    const actedOn: Condition = (eb) =>
      eb.and([
        eb('cases.tenant_id', '=', tenantId),
        eb(
          'cases.id',
          'in',
          eb
            .selectFrom('case_actors')
            .select('case_actors.case_id')
            .where('case_actors.tenant_id', '=', tenantId)
            .where('case_actors.user_id', '=', userId),
        ),
        eb.or([eb('cases.owner_id', 'is', null), eb('cases.owner_id', '!=', userId)]),
      ]);
    return [actedOn, ...FINISHED.map(mine)];
  }
  return null;
}

/** The cases of a workbench view (SPEC §8, §13), before filters. */
function viewCondition(viewer: CaseViewer, view: CaseView): Condition | null {
  const { tenantId, userId } = viewer.actor;
  switch (view) {
    case 'todo':
    case 'processed':
      // The cases of the view's branches, each read through its own index (see viewBranches).
      return (eb) => {
        const [first, ...rest] = (viewBranches(viewer, view) ?? []).map((branch) =>
          eb.selectFrom('cases').select('cases.id').where(branch),
        );
        if (!first) throw new Error(`the ${view} view has branches`);
        return eb(
          'cases.id',
          'in',
          rest.reduce((union, leg) => union.unionAll(leg), first),
        );
      };
    case 'followed':
      return (eb) =>
        eb(
          'cases.id',
          'in',
          eb
            .selectFrom('case_follows')
            .select('case_follows.case_id')
            .where('case_follows.tenant_id', '=', tenantId)
            .where('case_follows.user_id', '=', userId),
        );
    case 'created':
      return (eb) => eb('cases.creator_id', '=', userId);
    case 'all':
      return null;
    default: {
      const exhaustive: never = view;
      throw new Error(`Unknown view ${String(exhaustive)}`);
    }
  }
}

const ORIGINAL_RANK = sql<number>`CASE cases.original_priority WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 ELSE 4 END`;

function iso(value: string): string {
  return new Date(value).toISOString();
}

/** The filter conditions of API.md's list query. */
function filterConditions(query: CaseListQuery, now: Date): Condition[] {
  const conditions: Condition[] = [];
  const nowIso = now.toISOString();
  const inList = (
    column:
      | 'state'
      | 'status'
      | 'type_id'
      | 'priority'
      | 'origin'
      | 'owner_id'
      | 'queue_id'
      | 'customer_id'
      | 'ou_id',
    values: string[] | undefined,
  ) => {
    if (values) conditions.push((eb) => eb(`cases.${column}`, 'in', values));
  };
  inList('state', query.state);
  inList('status', query.status);
  inList('type_id', query.typeId);
  inList('priority', query.priority);
  inList('origin', query.origin);
  inList('owner_id', query.ownerId);
  inList('queue_id', query.queueId);
  inList('customer_id', query.customerId);
  inList('ou_id', query.ouId);
  if (query.upgraded !== undefined) {
    conditions.push((eb) => eb('cases.priority_rank', query.upgraded ? '>' : '<=', ORIGINAL_RANK));
  }
  if (query.reopened !== undefined)
    conditions.push((eb) => eb('cases.reopen_count', query.reopened ? '>' : '=', 0));
  if (query.overdue !== undefined) {
    // Overdue: the clock runs and the due time has passed, or it stopped after the due time passed.
    const overdue: Condition = (eb) =>
      eb.or([
        eb.and([eb('cases.state', '=', 'open'), eb('cases.due_sort', '<', nowIso)]),
        eb.and([
          eb('cases.state', 'in', ['suspended', 'cancelled']),
          eb('cases.due_at', 'is not', null),
          eb('cases.due_at', '<', eb.ref('cases.paused_at')),
        ]),
      ]);
    conditions.push(query.overdue ? overdue : (eb) => eb.not(overdue(eb)));
  }
  if (query.dueWithinHours !== undefined) {
    const until = new Date(now.getTime() + query.dueWithinHours * 3_600_000).toISOString();
    conditions.push((eb) =>
      eb.and([
        eb('cases.state', 'in', LIVE),
        eb('cases.due_sort', '>=', nowIso),
        eb('cases.due_sort', '<=', until),
      ]),
    );
  }
  if (query.createdFrom) {
    const from = iso(query.createdFrom);
    conditions.push((eb) => eb('cases.created_at', '>=', from));
  }
  if (query.createdTo) {
    const to = iso(query.createdTo);
    conditions.push((eb) => eb('cases.created_at', '<=', to));
  }
  if (query.dueFrom) {
    const from = iso(query.dueFrom);
    conditions.push((eb) => eb('cases.due_at', '>=', from));
  }
  if (query.dueTo) {
    const to = iso(query.dueTo);
    conditions.push((eb) => eb('cases.due_at', '<=', to));
  }
  return conditions;
}

/**
 * Visibility for a view: relations that defined To do and Created always allow seeing; the other
 * views may hold cases the caller can no longer see (followed before a transfer, processed before a
 * hand-over).
 */
function visibility(viewer: CaseViewer, view: CaseView): Condition[] {
  if (view === 'todo' || view === 'created') return [];
  const visible = visibleCasesCondition(viewer);
  return visible ? [visible] : [];
}

/** The conditions of a view for the caller: the view itself and, where needed, visibility. */
function viewConditions(viewer: CaseViewer, view: CaseView): Condition[] {
  const ofView = viewCondition(viewer, view);
  return [...(ofView ? [ofView] : []), ...visibility(viewer, view)];
}

function searchOf(query: CaseListQuery | null): CaseSearch | null {
  return query?.q ? parseCaseSearch(query.q) : null;
}

/** The cases of a view the caller may see, with the filters applied (no ordering). */
export function casesOfView(
  db: Executor,
  viewer: CaseViewer,
  view: CaseView,
  query: CaseListQuery | null,
  now: Date,
): CaseQuery {
  const { tenantId } = viewer.actor;
  const conditions = viewConditions(viewer, view);
  if (query) conditions.push(...filterConditions(query, now));
  const search = searchOf(query);
  if (search) {
    // To do and Processed read their own branches, so the search is checked per case; elsewhere
    // the cases holding the first term are read from the index.
    conditions.push(
      viewBranches(viewer, view)
        ? caseSearchCondition(tenantId, search)
        : caseSearchScanCondition(tenantId, search),
    );
  }
  return where(db.selectFrom('cases').where('cases.tenant_id', '=', tenantId), conditions);
}

function where<Q extends { where(condition: Condition): Q }>(
  builder: Q,
  conditions: readonly Condition[],
): Q {
  let out = builder;
  for (const condition of conditions) out = out.where(condition);
  return out;
}

type SortKey = Exclude<CaseSort, `-${string}`>;

const SORT_COLUMNS: Record<
  SortKey,
  'cases.due_sort' | 'cases.priority_rank' | 'cases.created_at' | 'cases.updated_at'
> = {
  dueAt: 'cases.due_sort',
  priority: 'cases.priority_rank',
  createdAt: 'cases.created_at',
  updatedAt: 'cases.updated_at',
};

function sortOf(sort: CaseSort): {
  column: (typeof SORT_COLUMNS)[SortKey];
  descending: boolean;
  key: SortKey;
} {
  const descending = sort.startsWith('-');
  const key = (descending ? sort.slice(1) : sort) as SortKey;
  return { column: SORT_COLUMNS[key], descending, key };
}

function sortValue(c: Case, key: SortKey): string | number {
  switch (key) {
    case 'dueAt':
      return c.dueAt ?? NO_DUE_SORT;
    case 'priority':
      return priorityRank(c.priority);
    case 'createdAt':
      return c.createdAt;
    case 'updatedAt':
      return c.updatedAt;
    default: {
      const exhaustive: never = key;
      throw new Error(`Unknown sort ${String(exhaustive)}`);
    }
  }
}

/**
 * A cursor's sort value must be of the kind its sort key holds (a priority rank, or a text time):
 * a cursor of another order, or a made-up one, would otherwise be compared with the wrong column
 * type, which PostgreSQL refuses (a 500 instead of a 400 on `cursor`).
 */
function isCursorValue(key: SortKey, value: string | number | null | undefined): value is string | number {
  if (key === 'priority') {
    return Number.isInteger(value) && Number(value) >= 1 && Number(value) <= PRIORITIES.length;
  }
  return isCursorText(value);
}

/** Text PostgreSQL can compare: a NUL character is refused by it outright. */
function isCursorText(value: unknown): value is string {
  return typeof value === 'string' && !value.includes('\u0000');
}

/** Counts up to the cap; beyond it the count is capped (API.md), which keeps it cheap on big tenants. */
export async function cappedCount(
  db: Executor,
  matching: CaseQuery,
): Promise<{ total: number; capped: boolean }> {
  return countOf(db, [
    matching
      .select('cases.id')
      .limit(TOTAL_CAP + 1)
      .as('part'),
  ]);
}

/** A query of case ids, limited to `TOTAL_CAP + 1` rows, as a subquery. */
type IdPart = AliasedSelectQueryBuilder<{ id: string }, 'part'>;

/** Counts the ids of one or more disjoint parts, each already limited, up to the cap. */
async function countOf(db: Executor, parts: IdPart[]): Promise<{ total: number; capped: boolean }> {
  const [first, ...rest] = parts.map((part) => db.selectFrom(part).select('part.id'));
  if (!first) return { total: 0, capped: false };
  const row = await db
    .selectFrom(rest.reduce((union, part) => union.unionAll(part), first).as('matching'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return capTotal(row.n);
}

export interface CasePage {
  items: Case[];
  nextCursor: string | null;
  total: number;
  totalCapped: boolean;
}

interface Order {
  column: (typeof SORT_COLUMNS)[SortKey];
  descending: boolean;
  key: SortKey;
}

interface Cursor {
  value: string | number;
  id: string;
}

function readCursor(cursor: string | undefined, key: SortKey): Cursor | null {
  if (!cursor) return null;
  const [value, id] = decodeCursor(cursor, 2);
  if (!isCursorValue(key, value) || !isCursorText(id))
    throw invalidField('cursor', 'Not a cursor from this list.');
  return { value, id };
}

function direction(order: Order): 'asc' | 'desc' {
  return order.descending ? 'desc' : 'asc';
}

/** After the cursor in the list's order: a later sort value, or the same one and a later id. */
function afterCursor(order: Order, cursor: Cursor): Condition {
  const op = order.descending ? '<' : '>';
  return (eb) =>
    eb.or([
      eb(order.column, op, cursor.value),
      eb.and([eb(order.column, '=', cursor.value), eb('cases.id', op, cursor.id)]),
    ]);
}

/**
 * The same for a walk of the search index in creation order. The first part bounds the index range
 * (an `OR` alone would not), the second skips the cursor's own creation time up to its id.
 */
function afterCursorInTerms(
  eb: ExpressionBuilder<Database, 'case_search_terms' | 'cases'>,
  order: Order,
  cursor: Cursor,
): Expression<SqlBool> {
  const value = String(cursor.value);
  const op = order.descending ? '<' : '>';
  return eb.and([
    eb('case_search_terms.case_created_at', order.descending ? '<=' : '>=', value),
    eb.or([
      eb('case_search_terms.case_created_at', op, value),
      eb('case_search_terms.case_id', op, cursor.id),
    ]),
  ]);
}

/** The rows of a page query: one more than the page, to tell whether another page follows. */
interface PageQuery {
  execute(): Promise<CasesTable[]>;
  as(alias: 'leg'): AliasedSelectQueryBuilder<CasesTable, 'leg'>;
}

/** One page of a query on `cases`, in the list's order. */
function pageOf(query: CaseQuery, order: Order, cursor: Cursor | null, limit: number): PageQuery {
  return where(query, cursor ? [afterCursor(order, cursor)] : [])
    .selectAll('cases')
    .orderBy(order.column, direction(order))
    .orderBy('cases.id', direction(order))
    .limit(limit + 1);
}

/** The first `limit + 1` rows of the union of disjoint pages, in the list's order. */
async function mergePages(
  db: Executor,
  pages: PageQuery[],
  order: Order,
  limit: number,
): Promise<CasesTable[]> {
  const [only] = pages;
  if (pages.length === 1 && only) return only.execute();
  const [first, ...rest] = pages.map((page) => db.selectFrom(page.as('leg')).selectAll());
  if (!first) return [];
  const column = order.column.slice('cases.'.length);
  return db
    .selectFrom(rest.reduce((union, page) => union.unionAll(page), first).as('merged'))
    .selectAll()
    .orderBy(sql.ref(`merged.${column}`), direction(order))
    .orderBy('merged.id', direction(order))
    .limit(limit + 1)
    .execute();
}

function pageFrom(
  rows: CasesTable[],
  limit: number,
  key: SortKey,
  counted: { total: number; capped: boolean },
): CasePage {
  const items = rows.slice(0, limit).map(toCase);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor([sortValue(last, key), last.id]) : null,
    total: counted.total,
    totalCapped: counted.capped,
  };
}

/**
 * One page of a view, in the requested order, with keyset (cursor) pagination. To do and searches
 * are read so that the cost follows the caller's work and the page, not the tenant's size
 * (docs/decisions/0008): To do through its branches' indexes, a search through one term's entries.
 */
export async function pageCases(
  db: Executor,
  viewer: CaseViewer,
  query: CaseListQuery,
  now: Date,
  options: { excludeCaseId?: string | undefined } = {},
): Promise<CasePage> {
  const order = sortOf(query.sort);
  const cursor = readCursor(query.cursor, order.key);
  const { tenantId } = viewer.actor;
  const filters = filterConditions(query, now);
  const excluded = options.excludeCaseId;
  if (excluded) filters.push((eb) => eb('cases.id', '!=', excluded));
  const search = searchOf(query);

  const branches = viewBranches(viewer, query.view);
  if (branches) {
    // The caller's own work is small: the search is checked case by case within it.
    const checks = [...visibility(viewer, query.view), ...filters];
    if (search) checks.push(caseSearchCondition(tenantId, search));
    return pageBranches(db, branches, checks, order, cursor, query.limit);
  }
  const conditions = [...viewConditions(viewer, query.view), ...filters];
  if (search) {
    const driver = await drivingTerm(db, tenantId, search.terms);
    if (driver?.key) {
      return pageSearch(
        db,
        tenantId,
        { search, driver, key: driver.key },
        conditions,
        order,
        cursor,
        query.limit,
      );
    }
    // Only lone CJK characters: their prefix ranges are read in full.
    conditions.push(caseSearchScanCondition(tenantId, search));
  }
  const matching = where(db.selectFrom('cases').where('cases.tenant_id', '=', tenantId), conditions);
  const rows = await pageOf(matching, order, cursor, query.limit).execute();
  return pageFrom(rows, query.limit, order.key, await cappedCount(db, matching));
}

/**
 * To do and Processed: each branch (viewBranches) is paged on its own through its index, in the
 * list's order where an index has it (newest first, due time), and the pages are merged. The count
 * adds up the branches. Both read the caller's own work, not the tenant's history.
 */
async function pageBranches(
  db: Executor,
  branches: Condition[],
  checks: Condition[],
  order: Order,
  cursor: Cursor | null,
  limit: number,
): Promise<CasePage> {
  const legs = branches.map((branch) => where(db.selectFrom('cases').where(branch), checks));
  const rows = await mergePages(
    db,
    legs.map((leg) => pageOf(leg, order, cursor, limit)),
    order,
    limit,
  );
  const counted = await countOf(
    db,
    legs.map((leg) =>
      leg
        .select('cases.id')
        .limit(TOTAL_CAP + 1)
        .as('part'),
    ),
  );
  return pageFrom(rows, limit, order.key, counted);
}

interface DrivenSearch {
  search: CaseSearch;
  /** The term whose index entries are walked, and its key. */
  driver: QueryTerm;
  key: string;
}

/**
 * A search outside To do walks the index entries of one term (drivingTerm) in creation order and
 * checks the other terms and the view's conditions per case. Newest or oldest first, a page stops
 * after `limit + 1` matches. Other orders sort the newest `TOTAL_CAP + 1` matches, a bounded fallback
 * (docs/decisions/0008). A case number in the query adds that one case.
 */
async function pageSearch(
  db: Executor,
  tenantId: string,
  { search, driver, key }: DrivenSearch,
  conditions: Condition[],
  order: Order,
  cursor: Cursor | null,
  limit: number,
): Promise<CasePage> {
  const checkedTerms = search.terms.filter((term) => term !== driver);
  // A word longer than the indexed prefixes walks its prefix's entries and checks the whole word.
  if (driver.prefix !== null) checkedTerms.push({ key: null, prefix: driver.prefix });
  const caseChecks = [...conditions];
  const caseNo = search.caseNo;
  // The numbered case is added by its own query below, so the walk leaves it out.
  if (caseNo !== null) caseChecks.push((eb) => eb('cases.case_no', '!=', caseNo));
  const termChecks = checkedTerms.length > 0 ? entryTermsCondition(tenantId, checkedTerms) : null;
  // The walk with the case rows, for the page; without them when nothing is checked on the case.
  const walk = where(
    termChecks ? termWalk(db, tenantId, key).where(termChecks) : termWalk(db, tenantId, key),
    caseChecks,
  );
  const entries = termChecks
    ? termEntries(db, tenantId, key).where(termChecks)
    : termEntries(db, tenantId, key);
  const matchIds =
    caseChecks.length === 0
      ? entries.select('case_search_terms.case_id as id')
      : walk.select('case_search_terms.case_id as id');
  const numbered =
    caseNo === null
      ? null
      : where(
          db.selectFrom('cases').where('cases.tenant_id', '=', tenantId).where('cases.case_no', '=', caseNo),
          conditions,
        );

  let rows: CasesTable[];
  if (order.key === 'createdAt') {
    const dir = direction(order);
    const from = cursor ? walk.where((eb) => afterCursorInTerms(eb, order, cursor)) : walk;
    const pages: PageQuery[] = [
      from
        .selectAll('cases')
        .orderBy('case_search_terms.case_created_at', dir)
        .orderBy('case_search_terms.case_id', dir)
        .limit(limit + 1),
    ];
    if (numbered) pages.push(pageOf(numbered, order, cursor, limit));
    rows = await mergePages(db, pages, order, limit);
  } else {
    // Other orders: the newest matches up to the cap, sorted (docs/decisions/0008).
    const newest = matchIds
      .orderBy('case_search_terms.case_created_at', 'desc')
      .orderBy('case_search_terms.case_id', 'desc')
      .limit(TOTAL_CAP + 1);
    const candidates = where(db.selectFrom('cases').where('cases.tenant_id', '=', tenantId), [
      ...conditions,
      (eb) =>
        caseNo === null
          ? eb('cases.id', 'in', newest)
          : eb.or([eb('cases.id', 'in', newest), eb('cases.case_no', '=', caseNo)]),
    ]);
    rows = await pageOf(candidates, order, cursor, limit).execute();
  }

  const parts: IdPart[] = [matchIds.limit(TOTAL_CAP + 1).as('part')];
  if (numbered) parts.push(numbered.select('cases.id').as('part'));
  return pageFrom(rows, limit, order.key, await countOf(db, parts));
}
