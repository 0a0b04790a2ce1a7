import type { Channel } from '../../../contract/notifications.js';
import type { AppContext } from '../context.js';
import { sweepSla } from '../sla/sla-sweep.js';
import { findChannels, type Channels } from './channels.repository.js';
import type { OutboxRow } from './outbox.repository.js';
import { sendMessage, type SendTimeouts } from './senders.js';

export interface WorkerOptions {
  /** How often the loop looks for due rows. */
  pollMs: number;
  /** How long a claim holds; a row still `sending` after it is taken over (its worker crashed). */
  leaseMs: number;
  /** Sending attempts before a row is marked `failed`. */
  maxAttempts: number;
  /** First retry delay; each further retry doubles it. */
  backoffMs: number;
  /** Rows claimed per round. */
  batchSize: number;
  timeouts: SendTimeouts;
  /** How often the SLA sweep runs beside the outbox loop (SPEC §13: at least every 30 s); 0 turns it off. */
  slaSweepMs: number;
}

export const DEFAULT_WORKER_OPTIONS: WorkerOptions = {
  pollMs: 1000,
  leaseMs: 2 * 60_000,
  maxAttempts: 5,
  backoffMs: 30_000,
  batchSize: 20,
  timeouts: { timeoutMs: 15_000 },
  slaSweepMs: 15_000,
};

function optionsOf(partial: Partial<WorkerOptions> = {}): WorkerOptions {
  return { ...DEFAULT_WORKER_OPTIONS, ...partial };
}

/** A row this worker holds until `claimedUntil`; results are recorded only while that claim stands. */
export interface ClaimedRow {
  row: OutboxRow;
  claimedUntil: string;
}

/**
 * Claims due rows: `pending` ones whose next attempt is due, and `sending` ones whose lease ran out
 * (their worker died between claiming and recording). Each claim is a conditional UPDATE that
 * re-checks the same condition, so of two workers racing for a row exactly one changes it (on
 * PostgreSQL the loser's UPDATE waits for the winner's row lock, re-reads the row and matches nothing).
 */
export async function claimDueNotifications(
  ctx: AppContext,
  partial: Partial<WorkerOptions> = {},
): Promise<ClaimedRow[]> {
  const options = optionsOf(partial);
  const now = ctx.clock.now().toISOString();
  const claimedUntil = new Date(ctx.clock.now().getTime() + options.leaseMs).toISOString();
  const candidates = await ctx.db
    .selectFrom('notifications')
    .select(['tenant_id', 'id'])
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
        eb.and([eb('status', '=', 'sending'), eb('claimed_until', '<', now)]),
      ]),
    )
    .orderBy('next_attempt_at')
    .limit(options.batchSize)
    .execute();
  const claimed: ClaimedRow[] = [];
  for (const candidate of candidates) {
    const row = await ctx.db
      .updateTable('notifications')
      .set((eb) => ({ status: 'sending', claimed_until: claimedUntil, attempts: eb('attempts', '+', 1) }))
      .where('tenant_id', '=', candidate.tenant_id)
      .where('id', '=', candidate.id)
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
          eb.and([eb('status', '=', 'sending'), eb('claimed_until', '<', now)]),
        ]),
      )
      .returningAll()
      .executeTakeFirst();
    if (row) claimed.push({ row, claimedUntil });
  }
  return claimed;
}

async function record(
  ctx: AppContext,
  claim: ClaimedRow,
  outcome: { ok: true } | { ok: false; error: string },
  options: WorkerOptions,
): Promise<'sent' | 'retry' | 'failed' | 'lost'> {
  const now = ctx.clock.now();
  const { row } = claim;
  let status: 'sent' | 'pending' | 'failed';
  let nextAttemptAt = row.next_attempt_at;
  if (outcome.ok) status = 'sent';
  else if (row.attempts >= options.maxAttempts) status = 'failed';
  else {
    status = 'pending';
    nextAttemptAt = new Date(now.getTime() + options.backoffMs * 2 ** (row.attempts - 1)).toISOString();
  }
  const result = await ctx.db
    .updateTable('notifications')
    .set({
      status,
      next_attempt_at: nextAttemptAt,
      claimed_until: null,
      last_error: outcome.ok ? null : outcome.error,
      sent_at: outcome.ok ? now.toISOString() : null,
    })
    .where('tenant_id', '=', row.tenant_id)
    .where('id', '=', row.id)
    // Only while our claim stands: a worker that outlived its lease must not overwrite the one that
    // took the row over.
    .where('status', '=', 'sending')
    .where('claimed_until', '=', claim.claimedUntil)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return 'lost';
  return status === 'sent' ? 'sent' : status === 'failed' ? 'failed' : 'retry';
}

export interface WorkerRound {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
}

/** Sends rows already claimed (by `claimDueNotifications`) and records each outcome. */
export async function deliverClaimed(
  ctx: AppContext,
  claims: readonly ClaimedRow[],
  partial: Partial<WorkerOptions> = {},
): Promise<WorkerRound> {
  const options = optionsOf(partial);
  const round: WorkerRound = { claimed: claims.length, sent: 0, retried: 0, failed: 0 };
  const channelsByTenant = new Map<string, Channels>();
  for (const claim of claims) {
    const { row } = claim;
    let channels = channelsByTenant.get(row.tenant_id);
    if (!channels) {
      channels = await findChannels(ctx.db, row.tenant_id);
      channelsByTenant.set(row.tenant_id, channels);
    }
    const outcome = await sendMessage(
      channels,
      {
        channel: row.channel as Channel,
        to: row.recipient ?? '',
        subject: row.subject,
        text: row.body,
        messageId: row.message_id,
      },
      options.timeouts,
    );
    if (!outcome.ok) {
      // The error text only: channel secrets never reach the log.
      ctx.logger.warn({ notificationId: row.id, attempt: row.attempts, error: outcome.error }, 'send failed');
    }
    const recorded = await record(ctx, claim, outcome, options);
    if (recorded === 'sent') round.sent++;
    else if (recorded === 'retry') round.retried++;
    else if (recorded === 'failed') round.failed++;
  }
  return round;
}

/** One round: claim what is due, send it, record it. For tests and for the loop. */
export async function runWorkerOnce(
  ctx: AppContext,
  partial: Partial<WorkerOptions> = {},
): Promise<WorkerRound> {
  const claims = await claimDueNotifications(ctx, partial);
  return deliverClaimed(ctx, claims, partial);
}

/**
 * Runs rounds every `pollMs` (at once again while a round found a full batch) and the SLA sweep
 * every `slaSweepMs` until stopped; the returned function stops both and waits for what is in progress.
 */
export function startWorker(ctx: AppContext, partial: Partial<WorkerOptions> = {}): () => Promise<void> {
  const options = optionsOf(partial);
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> = Promise.resolve();
  const tick = () => {
    timer = null;
    current = (async () => {
      let again = false;
      try {
        const round = await runWorkerOnce(ctx, options);
        again = round.claimed >= options.batchSize;
      } catch (error) {
        ctx.logger.error({ err: error }, 'notification worker round failed');
      }
      if (!stopped) timer = setTimeout(tick, again ? 0 : options.pollMs);
    })();
  };
  timer = setTimeout(tick, 0);

  // The SLA sweep: its own timer, so a long outbox round never delays it (and the other way round).
  let sweepTimer: NodeJS.Timeout | null = null;
  let sweeping: Promise<void> = Promise.resolve();
  const sweep = () => {
    sweepTimer = null;
    sweeping = (async () => {
      try {
        await sweepSla(ctx);
      } catch (error) {
        ctx.logger.error({ err: error }, 'SLA sweep failed');
      }
      if (!stopped) sweepTimer = setTimeout(sweep, options.slaSweepMs);
    })();
  };
  if (options.slaSweepMs > 0) sweepTimer = setTimeout(sweep, 0);

  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    if (sweepTimer) clearTimeout(sweepTimer);
    await Promise.all([current, sweeping]);
  };
}
