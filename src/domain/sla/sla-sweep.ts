import type { Tx } from '../../db/connection.js';
import type { Case } from '../cases/case.js';
import { findCase } from '../cases/cases.repository.js';
import { findQueue } from '../config/queues.repository.js';
import type { AppContext } from '../context.js';
import { enqueueCaseNotification } from '../notifications/enqueue.js';
import { findOu } from '../org/ous.repository.js';
import { findUser } from '../org/users.repository.js';

export type SlaMarkKind = 'slaWarning' | 'slaTimeout';

/** Cases read per query; the sweep pages on until a query comes back short. */
export const SLA_SWEEP_BATCH = 200;

export interface SlaSweepResult {
  /** SLA warnings this call made (marks it inserted); a mark another sweep made first is not counted. */
  warnings: number;
  timeouts: number;
}

interface Candidate {
  tenant_id: string;
  id: string;
  due_at: string;
  /** The column the sweep pages on: sla_warn_at for warnings, due_at for timeouts. */
  point: string;
}

/**
 * The leaders of the owner's home OU (the owner's OU; for a queue-owned case, the queue's OU), as
 * users to notify. "If configured" (SPEC §3) means: the OU has leaderIds. Only that OU, not its
 * ancestors. (The enqueue drops disabled users and anyone already told as owner or queue member.)
 */
async function leaderUserIds(trx: Tx, c: Case): Promise<string[]> {
  let ouId: string | null = null;
  if (c.ownerId) ouId = (await findUser(trx, c.tenantId, c.ownerId))?.ouId ?? null;
  else if (c.queueId) ouId = (await findQueue(trx, c.tenantId, c.queueId))?.ouId ?? null;
  if (!ouId) return [];
  const ou = await findOu(trx, c.tenantId, ouId);
  return ou?.leaderIds ?? [];
}

/**
 * Marks one (case, kind, due time) and, only if this call inserted the mark, enqueues the
 * notification in the same transaction. Returns whether it did. The case is read again inside the
 * transaction: one that left `open` or whose due time moved since the batch was read is left to the
 * next sweep (a moved due time is a new mark).
 */
async function markAndNotify(ctx: AppContext, kind: SlaMarkKind, candidate: Candidate): Promise<boolean> {
  return ctx.db.transaction().execute(async (trx) => {
    const c = await findCase(trx, candidate.tenant_id, candidate.id);
    if (!c || c.state !== 'open' || c.dueAt !== candidate.due_at) return false;
    const inserted = await trx
      .insertInto('sla_marks')
      .values({
        tenant_id: c.tenantId,
        case_id: c.id,
        kind,
        due_at: candidate.due_at,
        created_at: ctx.clock.now().toISOString(),
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'case_id', 'kind', 'due_at']).doNothing())
      .returning('case_id')
      .executeTakeFirst();
    if (!inserted) return false;
    await enqueueCaseNotification(trx, ctx, {
      kind,
      caseAfter: c,
      recipients: 'owner',
      dedupeKey: `${kind}:${c.id}:${candidate.due_at}`,
      alsoUserIds: await leaderUserIds(trx, c),
    });
    return true;
  });
}

/** Open cases whose `column` point has passed, after `after` in (point, tenant, id) order, without a mark. */
async function dueCandidates(
  ctx: AppContext,
  kind: SlaMarkKind,
  now: string,
  after: Candidate | null,
): Promise<Candidate[]> {
  const column = kind === 'slaWarning' ? 'sla_warn_at' : 'due_at';
  let query = ctx.db
    .selectFrom('cases')
    .select(['cases.tenant_id', 'cases.id', 'cases.due_at', `cases.${column} as point`])
    .where('cases.state', '=', 'open')
    .where(`cases.${column}`, '<=', now)
    .where('cases.due_at', 'is not', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('sla_marks')
            .select('sla_marks.case_id')
            .whereRef('sla_marks.tenant_id', '=', 'cases.tenant_id')
            .whereRef('sla_marks.case_id', '=', 'cases.id')
            .where('sla_marks.kind', '=', kind)
            .whereRef('sla_marks.due_at', '=', 'cases.due_at'),
        ),
      ),
    );
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb(`cases.${column}`, '>', after.point),
        eb.and([eb(`cases.${column}`, '=', after.point), eb('cases.tenant_id', '>', after.tenant_id)]),
        eb.and([
          eb(`cases.${column}`, '=', after.point),
          eb('cases.tenant_id', '=', after.tenant_id),
          eb('cases.id', '>', after.id),
        ]),
      ]),
    );
  }
  const rows = await query
    .orderBy(`cases.${column}`)
    .orderBy('cases.tenant_id')
    .orderBy('cases.id')
    .limit(SLA_SWEEP_BATCH)
    .execute();
  return rows.flatMap((r) =>
    r.due_at !== null && r.point !== null
      ? [{ tenant_id: r.tenant_id, id: r.id, due_at: r.due_at, point: r.point }]
      : [],
  );
}

async function sweepKind(ctx: AppContext, kind: SlaMarkKind, now: string): Promise<number> {
  let made = 0;
  let after: Candidate | null = null;
  for (;;) {
    const batch = await dueCandidates(ctx, kind, now, after);
    for (const candidate of batch) {
      try {
        if (await markAndNotify(ctx, kind, candidate)) made++;
      } catch (error) {
        // One bad case must not hold up the others; its mark rolled back, so the next sweep retries.
        ctx.logger.error({ err: error, caseId: candidate.id, kind }, 'SLA mark failed');
      }
    }
    if (batch.length < SLA_SWEEP_BATCH) return made;
    after = batch[batch.length - 1] ?? null;
  }
}

/**
 * The SLA sweep (SPEC §13), across tenants: every open case whose warning point (sla_warn_at) or
 * due time has passed gets one SLA warning / timeout per due time. Uniqueness comes from the
 * sla_marks primary key (tenant, case, kind, due_at): a mark is inserted with ON CONFLICT DO NOTHING
 * and only the call that inserted it enqueues, in the same transaction, so running the sweep twice
 * or on two workers at once makes each notification once. A case whose warning and timeout are both
 * due gets both, each once (warnings are swept first). Suspended, closed, cancelled and merged cases
 * are not swept; cases without an SLA rule have no warning point and get only the timeout.
 */
export async function sweepSla(ctx: AppContext): Promise<SlaSweepResult> {
  const now = ctx.clock.now().toISOString();
  const warnings = await sweepKind(ctx, 'slaWarning', now);
  const timeouts = await sweepKind(ctx, 'slaTimeout', now);
  return { warnings, timeouts };
}
