import type { AppContext } from '../../context.js';
import type { Case } from '../case.js';
import { assertMayOperate, type CaseViewer } from '../case.policy.js';

/**
 * Follows or unfollows a case for the caller, in any state. Following is personal: it changes neither
 * the case's version nor its track.
 */
export async function setCaseFollowed(
  ctx: AppContext,
  viewer: CaseViewer,
  c: Case,
  followed: boolean,
): Promise<void> {
  assertMayOperate(viewer, c, followed ? 'follow' : 'unfollow');
  const { tenantId, userId } = viewer.actor;
  if (followed) {
    await ctx.db
      .insertInto('case_follows')
      .values({
        tenant_id: tenantId,
        user_id: userId,
        case_id: c.id,
        created_at: ctx.clock.now().toISOString(),
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  } else {
    await ctx.db
      .deleteFrom('case_follows')
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('case_id', '=', c.id)
      .execute();
  }
}
