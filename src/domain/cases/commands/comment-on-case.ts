import type { AppContext } from '../../context.js';
import type { Case } from '../case.js';
import { assertAllowedInState, assertMayOperate, type CaseViewer } from '../case.policy.js';
import { indexComment } from '../search.repository.js';
import { appendTrack, type TrackEntry } from '../track.repository.js';

/**
 * Adds a comment to the case track. Anyone who may see the case may comment, in every state but
 * `merged`; the comment is searchable at once. Comments do not change the case's version.
 */
export async function commentOnCase(
  ctx: AppContext,
  viewer: CaseViewer,
  c: Case,
  body: string,
): Promise<TrackEntry> {
  assertMayOperate(viewer, c, 'comment');
  assertAllowedInState(c, 'comment');
  const at = ctx.clock.now().toISOString();
  const entry = await ctx.db.transaction().execute(async (trx) => {
    const saved = await appendTrack(trx, c.tenantId, {
      caseId: c.id,
      kind: 'comment',
      actorId: viewer.actor.userId,
      at,
      remark: null,
      changes: null,
      body,
    });
    await indexComment(trx, c, body);
    return saved;
  });
  ctx.events.publish({ tenantId: c.tenantId, caseId: c.id, version: c.version, kind: 'updated' });
  return entry;
}
