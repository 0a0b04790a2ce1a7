import type { AppContext } from '../../context.js';
import { hasPermission } from '../../context.js';
import { AppError, forbidden, invalidField } from '../../shared/errors.js';
import type { Case } from '../case.js';
import { canViewCaseAt, type CaseViewer } from '../case.policy.js';
import { findCase, updateCaseIfUnchanged } from '../cases.repository.js';
import { caseChanges, pauseClock, versionConflict } from '../operate.js';
import { appendTrack } from '../track.repository.js';

export const MERGE_MAX = 10;

const LIVE = new Set(['open', 'suspended']);

function notAllowed(detail: string): AppError {
  return new AppError('merge_not_allowed', detail);
}

async function hasAssociatedCases(ctx: AppContext, c: Case): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('cases')
    .select('id')
    .where('tenant_id', '=', c.tenantId)
    .where('merged_into_id', '=', c.id)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Merges secondary cases into a main case (SPEC §7, §13). Every case must be open or suspended, of the
 * same customer, and not merged; a case that others were merged into cannot itself become a
 * secondary (no chains). The secondaries become `merged` (read-only, their SLA clock stopped) and
 * point to the main case; their unfinished tasks move to it; both tracks tell of it. It all happens
 * in one transaction, or not at all.
 */
export async function mergeCases(
  ctx: AppContext,
  viewer: CaseViewer,
  main: Case,
  input: { caseIds: string[]; ifMatch: number | null; remark?: string | undefined },
): Promise<{ main: Case; merged: Case[] }> {
  const ids = [...new Set(input.caseIds)];
  const secondaries: Case[] = [];
  for (const id of ids) {
    if (id === main.id) {
      secondaries.push(main);
      continue;
    }
    const c = await findCase(ctx.db, main.tenantId, id);
    // A secondary the caller cannot see is refused like one that does not exist (SPEC §13).
    if (!c || !(await canViewCaseAt(ctx.db, viewer, c))) throw invalidField('caseIds', 'No such case.');
    secondaries.push(c);
  }
  const { actor } = viewer;
  for (const c of [main, ...secondaries]) {
    if (c.ownerId !== actor.userId && !hasPermission(actor, 'case.merge')) {
      throw forbidden(
        `Merging needs the case.merge permission for every case you do not own (case ${c.caseNo}).`,
      );
    }
  }
  if (input.ifMatch !== null && input.ifMatch !== main.version) throw versionConflict();
  if (ids.length > MERGE_MAX) throw notAllowed(`At most ${MERGE_MAX} cases can be merged at once.`);
  if (main.state === 'merged') throw notAllowed('This case was itself merged into another case.');
  if (!LIVE.has(main.state)) throw notAllowed('Only open or suspended cases can be merged.');
  for (const c of secondaries) {
    if (c.id === main.id) throw notAllowed('A case cannot be merged into itself.');
    if (c.state === 'merged') throw notAllowed(`Case ${c.caseNo} is already merged.`);
    if (!LIVE.has(c.state))
      throw notAllowed(`Case ${c.caseNo} is ${c.state}; only open or suspended cases can be merged.`);
    if (c.customerId !== main.customerId) throw notAllowed(`Case ${c.caseNo} belongs to another customer.`);
    if (await hasAssociatedCases(ctx, c))
      throw notAllowed(`Other cases were merged into case ${c.caseNo}; it cannot be merged itself.`);
  }

  const now = ctx.clock.now();
  const at = now.toISOString();
  const merged = await ctx.db.transaction().execute(async (trx) => {
    const results: Case[] = [];
    for (const before of secondaries) {
      const after: Case = {
        ...before,
        ...pauseClock(before, now),
        state: 'merged',
        mergedIntoId: main.id,
        version: before.version + 1,
        updatedAt: at,
      };
      if (!(await updateCaseIfUnchanged(trx, after, before.version))) throw versionConflict();
      await appendTrack(trx, before.tenantId, {
        caseId: before.id,
        kind: 'merged',
        actorId: actor.userId,
        at,
        remark: input.remark ?? null,
        changes: { ...caseChanges(before, after), mergedIntoId: [null, main.id] },
        body: `Merged into case ${main.caseNo}`,
      });
      // Unfinished tasks carry on in the main case; their handlers follow them there.
      const moving = await trx
        .selectFrom('case_tasks')
        .select('id')
        .where('tenant_id', '=', before.tenantId)
        .where('case_id', '=', before.id)
        .where('status', '!=', 'completed')
        .execute();
      if (moving.length > 0) {
        const taskIds = moving.map((t) => t.id);
        await trx
          .updateTable('case_tasks')
          .set({ case_id: main.id, updated_at: at })
          .where('tenant_id', '=', before.tenantId)
          .where('id', 'in', taskIds)
          .execute();
        await trx
          .updateTable('task_handlers')
          .set({ case_id: main.id })
          .where('tenant_id', '=', before.tenantId)
          .where('task_id', 'in', taskIds)
          .execute();
      }
      results.push(after);
    }
    await appendTrack(trx, main.tenantId, {
      caseId: main.id,
      kind: 'merge',
      actorId: actor.userId,
      at,
      remark: input.remark ?? null,
      changes: { mergedCaseIds: [[], results.map((c) => c.id)] },
      body: `Merged cases ${results.map((c) => c.caseNo).join(', ')} into this case`,
    });
    return results;
  });
  for (const c of merged)
    ctx.events.publish({
      tenantId: c.tenantId,
      caseId: c.id,
      version: c.version,
      kind: 'updated',
      formerOwnerId: c.ownerId,
      formerQueueId: c.queueId,
    });
  ctx.events.publish({ tenantId: main.tenantId, caseId: main.id, version: main.version, kind: 'updated' });
  return { main, merged };
}
