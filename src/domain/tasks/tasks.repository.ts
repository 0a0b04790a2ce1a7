import type { ExpressionBuilder, Expression, SelectQueryBuilder, SqlBool } from 'kysely';
import type { CaseState, Priority } from '../../../contract/cases.js';
import type { TASK_VIEWS } from '../../../contract/details.js';
import type { Db, DialectName, Executor, Tx } from '../../db/connection.js';
import type { CaseTasksTable, Database, TaskRecordsTable } from '../../db/schema.js';
import type { Case } from '../cases/case.js';
import { visibleCasesCondition, type CaseViewer } from '../cases/case.policy.js';
import { invalidField } from '../shared/errors.js';
import { capTotal, decodeCursor, encodeCursor, TOTAL_CAP } from '../shared/pagination.js';
import type { Task, TaskRecord, TaskStatus, TaskWithCase } from './task.js';
import { assertTaskWritable } from './task.policy.js';

export type TaskView = (typeof TASK_VIEWS)[number];

type TaskQuery = SelectQueryBuilder<Database, 'case_tasks' | 'cases', object>;
type TaskCondition = (eb: ExpressionBuilder<Database, 'case_tasks' | 'cases'>) => Expression<SqlBool>;

interface TaskRowWithCase extends CaseTasksTable {
  case_no: number;
  case_owner_id: string | null;
  case_state: string;
}

function toTask(row: CaseTasksTable): Task {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    caseId: row.case_id,
    title: row.title,
    description: row.description,
    ownerId: row.owner_id,
    ouId: row.ou_id,
    priority: row.priority as Priority,
    dueAt: row.due_at,
    status: row.status as TaskStatus,
    creatorId: row.creator_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    completedAt: row.completed_at,
  };
}

function toTaskWithCase(row: TaskRowWithCase): TaskWithCase {
  return {
    task: toTask(row),
    parent: {
      id: row.case_id,
      caseNo: row.case_no,
      ownerId: row.case_owner_id,
      state: row.case_state as CaseState,
    },
  };
}

function toTaskRow(task: Task): CaseTasksTable {
  return {
    tenant_id: task.tenantId,
    id: task.id,
    case_id: task.caseId,
    title: task.title,
    description: task.description,
    owner_id: task.ownerId,
    ou_id: task.ouId,
    priority: task.priority,
    due_at: task.dueAt,
    status: task.status,
    creator_id: task.creatorId,
    created_at: task.createdAt,
    updated_at: task.updatedAt,
    completed_at: task.completedAt,
  };
}

/** Tasks of the tenant joined to their case, whose number, owner and state every task answer needs. */
function tasksWithCases(db: Executor, tenantId: string): TaskQuery {
  return db
    .selectFrom('case_tasks')
    .innerJoin('cases', (join) =>
      join.onRef('cases.tenant_id', '=', 'case_tasks.tenant_id').onRef('cases.id', '=', 'case_tasks.case_id'),
    )
    .where('case_tasks.tenant_id', '=', tenantId);
}

function selectTaskColumns(query: TaskQuery) {
  return query
    .selectAll('case_tasks')
    .select(['cases.case_no as case_no', 'cases.owner_id as case_owner_id', 'cases.state as case_state']);
}

export async function findTask(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<TaskWithCase | undefined> {
  const row = await selectTaskColumns(
    tasksWithCases(db, tenantId).where('case_tasks.id', '=', id),
  ).executeTakeFirst();
  return row && toTaskWithCase(row);
}

export async function insertTask(db: Executor, task: Task): Promise<void> {
  await db.insertInto('case_tasks').values(toTaskRow(task)).execute();
}

/**
 * Writes a changed task only if its status and owner are still those read, so that of two people
 * moving or handing on the same task at once exactly one wins (the other is told to reload).
 */
export async function updateTaskIfUnchanged(
  db: Executor,
  task: Task,
  read: Pick<Task, 'status' | 'ownerId'>,
): Promise<boolean> {
  const {
    tenant_id: _t,
    id: _i,
    case_id: _c,
    creator_id: _cr,
    created_at: _ca,
    ...changes
  } = toTaskRow(task);
  const result = await db
    .updateTable('case_tasks')
    .set(changes)
    .where('tenant_id', '=', task.tenantId)
    .where('id', '=', task.id)
    .where('status', '=', read.status)
    .where((eb) => (read.ownerId === null ? eb('owner_id', 'is', null) : eb('owner_id', '=', read.ownerId)))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Remembers that a user held or worked a task: they keep read access to its case (SPEC §13) and see
 * the task in their Processed view once it is no longer theirs.
 */
export async function addTaskHandler(
  db: Executor,
  handler: { tenantId: string; userId: string; taskId: string; caseId: string },
): Promise<void> {
  await db
    .insertInto('task_handlers')
    .values({
      tenant_id: handler.tenantId,
      user_id: handler.userId,
      task_id: handler.taskId,
      case_id: handler.caseId,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'task_id']).doNothing())
    .execute();
}

/** How many of a case's tasks are not completed (verifyTasks, SPEC §3). */
export async function countOpenTasks(db: Executor, tenantId: string, caseId: string): Promise<number> {
  const row = await db
    .selectFrom('case_tasks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('case_id', '=', caseId)
    .where('status', '!=', 'completed')
    .executeTakeFirstOrThrow();
  return row.n;
}

/**
 * The case's state, read inside a task-writing transaction. On PostgreSQL the row is share-locked until
 * commit, so a task cannot be added or reopened while the case is being closed (the close's
 * UPDATE waits for us, and then counts our task; or we wait for it, and then see it closed). SQLite runs
 * one write transaction at a time already.
 */
export async function lockCaseState(
  db: Executor,
  dialect: DialectName,
  tenantId: string,
  caseId: string,
): Promise<CaseState | undefined> {
  let query = db
    .selectFrom('cases')
    .select('state')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', caseId);
  if (dialect === 'postgres') query = query.forShare();
  const row = await query.executeTakeFirst();
  return row?.state as CaseState | undefined;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
  totalCapped: boolean;
}

function cursorKey(cursor: string): { at: string; id: string } {
  const [at, id] = decodeCursor(cursor, 2);
  if (typeof at !== 'string' || typeof id !== 'string')
    throw invalidField('cursor', 'Not a cursor from this list.');
  return { at, id };
}

/** Counts up to the cap (API.md): exact to 10,000, capped beyond, so big lists stay cheap to count. */
async function cappedTaskCount(
  db: Executor,
  matching: TaskQuery,
): Promise<{ total: number; capped: boolean }> {
  const row = await db
    .selectFrom(
      matching
        .select('case_tasks.id')
        .limit(TOTAL_CAP + 1)
        .as('matching'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return capTotal(row.n);
}

/** One page of tasks by (created_at, id), keyset-paged in the given direction. */
async function pageTaskQuery(
  db: Executor,
  matching: TaskQuery,
  page: { limit: number; cursor?: string | undefined; descending: boolean },
): Promise<Page<TaskWithCase>> {
  let query = selectTaskColumns(matching);
  const op = page.descending ? '<' : '>';
  if (page.cursor) {
    const { at, id } = cursorKey(page.cursor);
    query = query.where((eb) =>
      eb.or([
        eb('case_tasks.created_at', op, at),
        eb.and([eb('case_tasks.created_at', '=', at), eb('case_tasks.id', op, id)]),
      ]),
    );
  }
  const direction = page.descending ? 'desc' : 'asc';
  const rows = await query
    .orderBy('case_tasks.created_at', direction)
    .orderBy('case_tasks.id', direction)
    .limit(page.limit + 1)
    .execute();
  const items = rows.slice(0, page.limit).map(toTaskWithCase);
  const last = items.at(-1);
  const { total, capped } = await cappedTaskCount(db, matching);
  return {
    items,
    nextCursor: rows.length > page.limit && last ? encodeCursor([last.task.createdAt, last.task.id]) : null,
    total,
    totalCapped: capped,
  };
}

/** A case's tasks, oldest first (the Case Task tab reads in the order they were given out). */
export function pageCaseTasks(
  db: Executor,
  tenantId: string,
  caseId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<TaskWithCase>> {
  return pageTaskQuery(db, tasksWithCases(db, tenantId).where('case_tasks.case_id', '=', caseId), {
    ...page,
    descending: false,
  });
}

/**
 * "Mine to do": tasks I own that are not completed, and tasks given only to my home OU that are not
 * completed. Written so that it is never NULL (owner or OU may be NULL), because the Processed view
 * negates it and NOT NULL would silently drop rows.
 */
function todoCondition(viewer: CaseViewer): TaskCondition {
  const { userId, ouId } = viewer.actor;
  return (eb) =>
    eb.and([
      eb('case_tasks.status', '!=', 'completed'),
      eb.or([
        eb.and([eb('case_tasks.owner_id', 'is not', null), eb('case_tasks.owner_id', '=', userId)]),
        eb.and([
          eb('case_tasks.owner_id', 'is', null),
          eb('case_tasks.ou_id', 'is not', null),
          eb('case_tasks.ou_id', '=', ouId),
        ]),
      ]),
    ]);
}

/**
 * The cases the viewer may see, as a condition on the task's case: the case visibility rule plus
 * access through tasks (`canViewCaseAt`); null when it filters nothing.
 */
function visibleParentCondition(db: Executor, viewer: CaseViewer): TaskCondition | null {
  const visible = visibleCasesCondition(viewer);
  if (!visible) return null;
  const { tenantId, userId, ouId } = viewer.actor;
  return (eb) =>
    eb.or([
      eb(
        'case_tasks.case_id',
        'in',
        db.selectFrom('cases').select('cases.id').where('cases.tenant_id', '=', tenantId).where(visible),
      ),
      eb(
        'case_tasks.case_id',
        'in',
        db
          .selectFrom('task_handlers')
          .select('task_handlers.case_id')
          .where('task_handlers.tenant_id', '=', tenantId)
          .where('task_handlers.user_id', '=', userId),
      ),
      eb(
        'case_tasks.case_id',
        'in',
        db
          .selectFrom('case_tasks as ou_tasks')
          .select('ou_tasks.case_id')
          .where('ou_tasks.tenant_id', '=', tenantId)
          .where('ou_tasks.owner_id', 'is', null)
          .where('ou_tasks.ou_id', '=', ouId),
      ),
    ]);
}

function viewCondition(db: Executor, viewer: CaseViewer, view: TaskView): TaskCondition[] {
  const { tenantId, userId } = viewer.actor;
  const todo = todoCondition(viewer);
  switch (view) {
    case 'todo':
      // Owning the task, or its OU, is itself access to the case: no visibility filter needed.
      return [todo];
    case 'processed':
      // Held or worked by me (task_handlers has a row for every owner), and not mine to do now.
      return [
        (eb) =>
          eb.and([
            eb.or([
              eb('case_tasks.owner_id', '=', userId),
              eb(
                'case_tasks.id',
                'in',
                eb
                  .selectFrom('task_handlers')
                  .select('task_handlers.task_id')
                  .where('task_handlers.tenant_id', '=', tenantId)
                  .where('task_handlers.user_id', '=', userId),
              ),
            ]),
            eb.not(todo(eb)),
          ]),
      ];
    case 'created': {
      // Creating a task gives no access of its own: a creator who can no longer see the case (OU
      // isolation, a role taken away) no longer sees the task either, as GET /tasks/{id} would say.
      const visible = visibleParentCondition(db, viewer);
      return [(eb) => eb('case_tasks.creator_id', '=', userId), ...(visible ? [visible] : [])];
    }
    default: {
      const exhaustive: never = view;
      throw new Error(`Unknown task view ${String(exhaustive)}`);
    }
  }
}

/** One page of a Tasks view (SPEC §13), newest first, with the status and case filters. */
export function pageTasksOfView(
  db: Executor,
  viewer: CaseViewer,
  query: {
    view: TaskView;
    status?: TaskStatus[] | undefined;
    caseId?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
): Promise<Page<TaskWithCase>> {
  let matching = tasksWithCases(db, viewer.actor.tenantId);
  for (const condition of viewCondition(db, viewer, query.view)) matching = matching.where(condition);
  if (query.status) matching = matching.where('case_tasks.status', 'in', query.status);
  if (query.caseId !== undefined) matching = matching.where('case_tasks.case_id', '=', query.caseId);
  return pageTaskQuery(db, matching, { limit: query.limit, cursor: query.cursor, descending: true });
}

function toTaskRecord(row: TaskRecordsTable): TaskRecord {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    taskId: row.task_id,
    title: row.title,
    body: row.body,
    authorId: row.author_id,
    createdAt: row.created_at,
  };
}

export async function insertTaskRecord(db: Executor, record: TaskRecord): Promise<void> {
  await db
    .insertInto('task_records')
    .values({
      tenant_id: record.tenantId,
      id: record.id,
      task_id: record.taskId,
      title: record.title,
      body: record.body,
      author_id: record.authorId,
      created_at: record.createdAt,
    })
    .execute();
}

/** A task's handling records, oldest first (they read as the story of the task). */
export async function pageTaskRecords(
  db: Executor,
  tenantId: string,
  taskId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<TaskRecord>> {
  const matching = db
    .selectFrom('task_records')
    .where('tenant_id', '=', tenantId)
    .where('task_id', '=', taskId);
  let query = matching.selectAll();
  if (page.cursor) {
    const { at, id } = cursorKey(page.cursor);
    query = query.where((eb) =>
      eb.or([eb('created_at', '>', at), eb.and([eb('created_at', '=', at), eb('id', '>', id)])]),
    );
  }
  const rows = await query
    .orderBy('created_at')
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
  const items = rows.slice(0, page.limit).map(toTaskRecord);
  const last = items.at(-1);
  const counted = await db
    .selectFrom(
      matching
        .select('id')
        .limit(TOTAL_CAP + 1)
        .as('matching'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const n = counted.n;
  return {
    items,
    nextCursor: rows.length > page.limit && last ? encodeCursor([last.createdAt, last.id]) : null,
    total: Math.min(n, TOTAL_CAP),
    totalCapped: n > TOTAL_CAP,
  };
}

/**
 * Runs task work in one transaction that first re-reads (and on PostgreSQL share-locks) the case's
 * state, so that no task is added, reopened or worked once the case has been closed, cancelled or
 * merged, even by a request that read the case just before (409 `case_invalid_transition`).
 */
export async function inLiveCaseTransaction<T>(
  db: Db,
  dialect: DialectName,
  parent: Pick<Case, 'tenantId' | 'id'>,
  work: (trx: Tx) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const state = await lockCaseState(trx, dialect, parent.tenantId, parent.id);
    if (!state) throw new Error(`Case ${parent.id} vanished`);
    assertTaskWritable({ state });
    return work(trx);
  });
}
