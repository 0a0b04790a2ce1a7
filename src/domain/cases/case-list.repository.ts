import { sql, type Expression, type ExpressionBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { PRIORITIES, type CaseListQuery, type CaseSort, type CaseView } from '../../../contract/cases.js';
import type { Executor } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import { invalidField } from '../shared/errors.js';
import { capTotal, decodeCursor, encodeCursor, TOTAL_CAP } from '../shared/pagination.js';
import { NO_DUE_SORT, priorityRank, type Case } from './case.js';
import { visibleCasesCondition, type CaseViewer } from './case.policy.js';
import { toCase } from './cases.repository.js';
import { caseSearchCondition } from './search.repository.js';

type CaseQuery = SelectQueryBuilder<Database, 'cases', object>;
type Condition = (eb: ExpressionBuilder<Database, 'cases'>) => Expression<SqlBool>;

const LIVE = ['open', 'suspended'];
const FINISHED = ['closed', 'cancelled', 'merged'];

/** The cases of a workbench view (SPEC §8, §13), before filters. */
function viewCondition(viewer: CaseViewer, view: CaseView): Condition | null {
  const { tenantId, userId } = viewer.actor;
  switch (view) {
    case 'todo':
      // Each branch names the tenant itself, so that SQLite serves each from its own index (owner,
      // queue) and unions them, instead of walking the whole tenant.
      return (eb) => {
        const mine = eb.and([
          eb('cases.tenant_id', '=', tenantId),
          eb('cases.owner_id', '=', userId),
          eb('cases.state', 'in', LIVE),
        ]);
        if (viewer.queueIds.size === 0) return mine;
        const unclaimed = eb.and([
          eb('cases.tenant_id', '=', tenantId),
          eb('cases.queue_id', 'in', [...viewer.queueIds]),
          eb('cases.owner_id', 'is', null),
          eb('cases.state', 'in', LIVE),
        ]);
        return eb.or([mine, unclaimed]);
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
    case 'processed':
      return (eb) =>
        eb.or([
          eb.and([
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
          ]),
          eb.and([eb('cases.owner_id', '=', userId), eb('cases.state', 'in', FINISHED)]),
        ]);
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
function filterConditions(query: CaseListQuery, now: Date, tenantId: string): Condition[] {
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
  if (query.q) {
    const search = caseSearchCondition(tenantId, query.q);
    if (search) conditions.push(search);
  }
  return conditions;
}

/** The cases of a view the caller may see, with the filters applied (no ordering). */
export function casesOfView(
  db: Executor,
  viewer: CaseViewer,
  view: CaseView,
  query: CaseListQuery | null,
  now: Date,
): CaseQuery {
  // The To do view scopes each of its branches to the tenant (see viewCondition); every other view here.
  let builder: CaseQuery =
    view === 'todo'
      ? db.selectFrom('cases')
      : db.selectFrom('cases').where('cases.tenant_id', '=', viewer.actor.tenantId);
  const conditions: Condition[] = [];
  const ofView = viewCondition(viewer, view);
  if (ofView) conditions.push(ofView);
  // Relations that defined todo and created always allow seeing; the other views may hold cases the
  // caller can no longer see (followed before a transfer, processed before a hand-over).
  if (view !== 'todo' && view !== 'created') {
    const visible = visibleCasesCondition(viewer);
    if (visible) conditions.push(visible);
  }
  if (query) conditions.push(...filterConditions(query, now, viewer.actor.tenantId));
  for (const condition of conditions) builder = builder.where(condition);
  return builder;
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
  const row = await db
    .selectFrom(
      matching
        .select('cases.id')
        .limit(TOTAL_CAP + 1)
        .as('matching'),
    )
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

/** One page of a view, in the requested order, with keyset (cursor) pagination. */
export async function pageCases(
  db: Executor,
  viewer: CaseViewer,
  query: CaseListQuery,
  now: Date,
  options: { excludeCaseId?: string | undefined } = {},
): Promise<CasePage> {
  let matching = casesOfView(db, viewer, query.view, query, now);
  if (options.excludeCaseId) matching = matching.where('cases.id', '!=', options.excludeCaseId);
  const { column, descending, key } = sortOf(query.sort);
  let page = matching.selectAll('cases');
  if (query.cursor) {
    const [value, id] = decodeCursor(query.cursor, 2);
    if (!isCursorValue(key, value) || !isCursorText(id))
      throw invalidField('cursor', 'Not a cursor from this list.');
    const op = descending ? '<' : '>';
    page = page.where((eb) =>
      eb.or([eb(column, op, value), eb.and([eb(column, '=', value), eb('cases.id', op, id)])]),
    );
  }
  const direction = descending ? 'desc' : 'asc';
  const rows = await page
    .orderBy(column, direction)
    .orderBy('cases.id', direction)
    .limit(query.limit + 1)
    .execute();
  const items = rows.slice(0, query.limit).map(toCase);
  const last = items.at(-1);
  const { total, capped } = await cappedCount(db, matching);
  return {
    items,
    nextCursor: rows.length > query.limit && last ? encodeCursor([sortValue(last, key), last.id]) : null,
    total,
    totalCapped: capped,
  };
}
