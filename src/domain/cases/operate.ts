import type { AbilityName } from '../../../contract/cases.js';
import type { Tx } from '../../db/connection.js';
import type { AppContext } from '../context.js';
import { enqueueCaseNotification } from '../notifications/enqueue.js';
import { AppError } from '../shared/errors.js';
import { pausedSlaTime, pushDueAt, slaWarnAt, type AppliedSla } from '../sla/sla-clock.js';
import type { Case, CaseTypeRules } from './case.js';
import { assertAllowedInState, assertMayOperate, type CaseViewer } from './case.policy.js';
import { findCaseTypeRules } from './case-type-rules.repository.js';
import { updateCaseIfUnchanged } from './cases.repository.js';
import { reindexCase } from './search.repository.js';
import { appendTrack, type TrackChanges } from './track.repository.js';

/** What an operation does to a case: the case afterwards and how the track tells it. */
export interface OperationPlan {
  after: Case;
  kind: string;
  remark?: string | null | undefined;
  /** Defaults to the difference between the case before and after in the tracked fields. */
  changes?: TrackChanges;
  /** More writes in the same transaction (search index, other tables). */
  alsoWrite?: (trx: Tx, after: Case) => Promise<void>;
}

const TRACKED_FIELDS = [
  'title',
  'description',
  'priority',
  'state',
  'status',
  'ownerId',
  'queueId',
  'dueAt',
  'customerId',
  'contactPhone',
  'customFields',
  'reopenCount',
] as const satisfies readonly (keyof Case)[];

export function caseChanges(before: Case, after: Case): TrackChanges {
  const changes: TrackChanges = {};
  for (const field of TRACKED_FIELDS) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field]))
      changes[field] = [before[field], after[field]];
  }
  return changes;
}

export function versionConflict(): AppError {
  return new AppError(
    'version_conflict',
    'This case changed while you were editing. Reload it and try again.',
  );
}

export async function caseTypeOf(ctx: AppContext, c: Case): Promise<CaseTypeRules> {
  const type = await findCaseTypeRules(ctx.db, c.tenantId, c.typeId);
  if (!type) throw new Error(`Case ${c.id} has no type ${c.typeId}`);
  return type;
}

/**
 * Runs one case operation with the checks of SPEC §13 in their order, after the route has found the
 * case (404) and parsed the body (400): permission (403), `If-Match` (409 `version_conflict`), state
 * (409 `case_invalid_transition`), then the operation's own rules in `plan`. The change, its track
 * entry and any further writes share one transaction; the write is conditional on the version read,
 * so of two concurrent changes exactly one wins. Live listeners hear of it after commit.
 */
export async function operateOnCase(
  ctx: AppContext,
  viewer: CaseViewer,
  loaded: Case,
  operation: AbilityName,
  options: {
    ifMatch: number | null;
    plan: (c: Case, type: CaseTypeRules, now: Date) => OperationPlan | Promise<OperationPlan>;
    reindex?: boolean;
  },
): Promise<Case> {
  assertMayOperate(viewer, loaded, operation);
  if (options.ifMatch !== null && options.ifMatch !== loaded.version) throw versionConflict();
  assertAllowedInState(loaded, operation);
  const type = await caseTypeOf(ctx, loaded);
  const now = ctx.clock.now();
  const plan = await options.plan(loaded, type, now);
  const after: Case = { ...plan.after, version: loaded.version + 1, updatedAt: now.toISOString() };
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await updateCaseIfUnchanged(trx, after, loaded.version))) throw versionConflict();
    await appendTrack(trx, after.tenantId, {
      caseId: after.id,
      kind: plan.kind,
      actorId: viewer.actor.userId,
      at: now.toISOString(),
      remark: plan.remark ?? null,
      changes: plan.changes ?? caseChanges(loaded, after),
      body: null,
    });
    if (options.reindex) await reindexCase(trx, after);
    if (plan.alsoWrite) await plan.alsoWrite(trx, after);
    // Every state or status change tells a customer who asked to be told (none for merged cases).
    if (loaded.state !== after.state || loaded.status !== after.status)
      await enqueueCaseNotification(trx, ctx, { kind: 'customer', caseAfter: after, recipients: 'customer' });
  });
  ctx.events.publish({
    tenantId: after.tenantId,
    caseId: after.id,
    version: after.version,
    kind: 'updated',
    formerOwnerId: loaded.ownerId,
    formerQueueId: loaded.queueId,
  });
  return after;
}

/** Stops the SLA clock (suspend, cancel); a clock already stopped stays stopped from when it stopped. */
export function pauseClock(c: Case, now: Date): Pick<Case, 'pausedAt'> {
  return { pausedAt: c.pausedAt ?? now.toISOString() };
}

/**
 * Restarts a stopped clock: the paused time is added to the case's suspended time and any due time
 * moves back by it (SPEC §13: SLA or manual alike). With an SLA rule that has a calendar, the push
 * (and `pausedMsSinceStart`, used to recompute on upgrade) is the business time that passed while
 * paused; `suspendedMs` is always wall-clock time. The warning point follows the due time.
 */
export function resumeClock(
  c: Case,
  now: Date,
  sla: AppliedSla | null = null,
): Pick<Case, 'pausedAt' | 'suspendedMs' | 'pausedMsSinceStart' | 'dueAt' | 'slaWarnAt'> {
  if (c.pausedAt === null)
    return {
      pausedAt: null,
      suspendedMs: c.suspendedMs,
      pausedMsSinceStart: c.pausedMsSinceStart,
      dueAt: c.dueAt,
      slaWarnAt: c.slaWarnAt,
    };
  const paused = Math.max(0, now.getTime() - new Date(c.pausedAt).getTime());
  const pausedSla = pausedSlaTime(sla, c.pausedAt, now);
  const dueAt = c.dueAt === null ? null : pushDueAt(sla, c.dueAt, pausedSla);
  return {
    pausedAt: null,
    suspendedMs: c.suspendedMs + paused,
    pausedMsSinceStart: c.pausedMsSinceStart + pausedSla,
    dueAt,
    slaWarnAt: slaWarnAt(sla, dueAt),
  };
}
