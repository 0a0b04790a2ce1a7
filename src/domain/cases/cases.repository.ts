import type { CaseState, Origin, Priority } from '../../../contract/cases.js';
import type { Executor } from '../../db/connection.js';
import { fromJson, toJson } from '../../db/json.js';
import type { CasesTable } from '../../db/schema.js';
import { NO_DUE_SORT, priorityRank, type Case, type CustomFieldValue } from './case.js';

export function toCase(row: CasesTable): Case {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    caseNo: row.case_no,
    typeId: row.type_id,
    title: row.title,
    description: row.description,
    priority: row.priority as Priority,
    originalPriority: row.original_priority as Priority,
    origin: row.origin as Origin,
    customerId: row.customer_id,
    contactPhone: row.contact_phone,
    ownerId: row.owner_id,
    queueId: row.queue_id,
    creatorId: row.creator_id,
    ouId: row.ou_id,
    state: row.state as CaseState,
    status: row.status,
    priorState: row.prior_state as CaseState | null,
    priorStatus: row.prior_status,
    reopenCount: row.reopen_count,
    suspendedMs: row.suspended_ms,
    pausedAt: row.paused_at,
    mergedIntoId: row.merged_into_id,
    interactionId: row.interaction_id,
    customerNotify: fromJson<{ email: boolean; sms: boolean }>(row.customer_notify),
    customFields: fromJson<Record<string, CustomFieldValue>>(row.custom_fields),
    dueAt: row.due_at,
    dueAtSource: row.due_at_source as Case['dueAtSource'],
    slaStartedAt: row.sla_started_at,
    pausedMsSinceStart: row.paused_ms_since_start,
    slaWarnAt: row.sla_warn_at,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
  };
}

export function toCaseRow(c: Case): CasesTable {
  return {
    tenant_id: c.tenantId,
    id: c.id,
    case_no: c.caseNo,
    type_id: c.typeId,
    title: c.title,
    description: c.description,
    priority: c.priority,
    priority_rank: priorityRank(c.priority),
    original_priority: c.originalPriority,
    origin: c.origin,
    customer_id: c.customerId,
    contact_phone: c.contactPhone,
    owner_id: c.ownerId,
    queue_id: c.queueId,
    creator_id: c.creatorId,
    ou_id: c.ouId,
    state: c.state,
    status: c.status,
    prior_state: c.priorState,
    prior_status: c.priorStatus,
    reopen_count: c.reopenCount,
    suspended_ms: c.suspendedMs,
    paused_at: c.pausedAt,
    merged_into_id: c.mergedIntoId,
    interaction_id: c.interactionId,
    customer_notify: toJson(c.customerNotify),
    custom_fields: toJson(c.customFields),
    due_at: c.dueAt,
    due_at_source: c.dueAtSource,
    due_sort: c.dueAt ?? NO_DUE_SORT,
    sla_started_at: c.slaStartedAt,
    paused_ms_since_start: c.pausedMsSinceStart,
    sla_warn_at: c.slaWarnAt,
    version: c.version,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    closed_at: c.closedAt,
  };
}

export async function findCase(db: Executor, tenantId: string, id: string): Promise<Case | undefined> {
  const row = await db
    .selectFrom('cases')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toCase(row);
}

export async function insertCase(db: Executor, c: Case): Promise<void> {
  await db.insertInto('cases').values(toCaseRow(c)).execute();
}

/**
 * Writes a changed case only if nobody changed it since it was read (its version is still the one
 * read). Returns false when the write lost that race: the caller answers 409 `version_conflict`.
 */
export async function updateCaseIfUnchanged(db: Executor, c: Case, readVersion: number): Promise<boolean> {
  const { tenant_id: _t, id: _i, case_no: _n, created_at: _c, creator_id: _cr, ...changes } = toCaseRow(c);
  const result = await db
    .updateTable('cases')
    .set(changes)
    .where('tenant_id', '=', c.tenantId)
    .where('id', '=', c.id)
    .where('version', '=', readVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The next case number of the tenant. The counter row is locked by the update until commit. */
export async function nextCaseNo(db: Executor, tenantId: string): Promise<number> {
  const row = await db
    .insertInto('case_counters')
    .values({ tenant_id: tenantId, last_no: 1 })
    .onConflict((oc) =>
      oc.column('tenant_id').doUpdateSet((eb) => ({ last_no: eb('case_counters.last_no', '+', 1) })),
    )
    .returning('last_no')
    .executeTakeFirstOrThrow();
  return row.last_no;
}

export async function isFollowing(
  db: Executor,
  tenantId: string,
  userId: string,
  caseId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('case_follows')
    .select('case_id')
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function followedAmong(
  db: Executor,
  tenantId: string,
  userId: string,
  caseIds: readonly string[],
): Promise<Set<string>> {
  if (caseIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('case_follows')
    .select('case_id')
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('case_id', 'in', [...caseIds])
    .execute();
  return new Set(rows.map((r) => r.case_id));
}
