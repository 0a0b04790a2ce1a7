import { MINUTE_MS } from '../../../lib/clock.js';
import type { AppContext } from '../../context.js';
import { enqueueCaseNotification, reminderConfigured } from '../../notifications/enqueue.js';
import { AppError } from '../../shared/errors.js';
import type { Case } from '../case.js';
import { assertAllowedInState, assertMayOperate, type CaseViewer } from '../case.policy.js';
import { appendTrack } from '../track.repository.js';

export const URGE_INTERVAL_MS = 10 * MINUTE_MS;

function tooSoon(): AppError {
  return new AppError('urge_too_soon', 'This case was urged less than 10 minutes ago; try again later.');
}

/**
 * Sends the owner (every member with an address, for a queue case) a reminder notice. Anyone who may
 * see the case may urge it while it is open or suspended; a tenant without an enabled reminder template
 * on a configured channel gets 409 `reminder_not_configured`, checked before the interval (SPEC §13),
 * and a case is urged at most once per 10 minutes (409 `urge_too_soon`). The case itself, and so its
 * version, does not change.
 */
export async function urgeCase(
  ctx: AppContext,
  viewer: CaseViewer,
  c: Case,
  input: { remark?: string | undefined },
): Promise<Case> {
  assertMayOperate(viewer, c, 'urge');
  assertAllowedInState(c, 'urge');
  if (!(await reminderConfigured(ctx.db, c.tenantId))) {
    throw new AppError(
      'reminder_not_configured',
      'No reminder-notice template is enabled on a configured channel; set one up under notifications.',
    );
  }
  const now = ctx.clock.now();
  const cutoff = new Date(now.getTime() - URGE_INTERVAL_MS).toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    // The upsert only takes when the last urge is old enough, so two urges at once cannot both pass.
    const result = await trx
      .insertInto('case_urges')
      .values({ tenant_id: c.tenantId, case_id: c.id, last_urged_at: now.toISOString() })
      .onConflict((oc) =>
        oc
          .columns(['tenant_id', 'case_id'])
          .doUpdateSet({ last_urged_at: now.toISOString() })
          .where('case_urges.last_urged_at', '<=', cutoff),
      )
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0n) === 0) throw tooSoon();
    await appendTrack(trx, c.tenantId, {
      caseId: c.id,
      kind: 'urged',
      actorId: viewer.actor.userId,
      at: now.toISOString(),
      remark: input.remark ?? null,
      changes: null,
      body: null,
    });
    await enqueueCaseNotification(trx, ctx, { kind: 'reminder', caseAfter: c, recipients: 'owner' });
  });
  ctx.events.publish({ tenantId: c.tenantId, caseId: c.id, version: c.version, kind: 'updated' });
  return c;
}
