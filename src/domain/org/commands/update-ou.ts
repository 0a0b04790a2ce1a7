import type { z } from 'zod';
import type { updateOuBody } from '../../../../contract/org.js';
import { isUniqueViolation } from '../../../db/errors.js';
import type { Actor, AppContext } from '../../context.js';
import { alreadyExists, invalidField } from '../../shared/errors.js';
import type { Ou } from '../org.js';
import { findOuByName, listOus, updateOuRow } from '../ous.repository.js';
import { assertLeadersExist } from '../ou-references.js';
import { lockTenant } from '../tenants.repository.js';

/** Renames an OU, moves it in the tree (never under itself or its own descendants) or sets its leaders. */
export async function updateOu(
  ctx: AppContext,
  actor: Actor,
  ou: Ou,
  patch: z.output<typeof updateOuBody>,
): Promise<Ou> {
  const updated: Ou = {
    ...ou,
    name: patch.name ?? ou.name,
    parentId: patch.parentId === undefined ? ou.parentId : patch.parentId,
    leaderIds: patch.leaderIds ? [...new Set(patch.leaderIds)] : ou.leaderIds,
    updatedAt: ctx.clock.now().toISOString(),
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await lockTenant(trx, ctx.dialect, actor.tenantId);
      if (updated.parentId !== ou.parentId && updated.parentId !== null) {
        const all = await listOus(trx, actor.tenantId);
        const byId = new Map(all.map((o) => [o.id, o]));
        if (!byId.has(updated.parentId)) throw invalidField('parentId', 'No such OU.');
        // Walk up from the new parent: meeting the OU itself means the move would make a cycle.
        for (let at: string | null = updated.parentId; at !== null; at = byId.get(at)?.parentId ?? null) {
          if (at === ou.id)
            throw invalidField('parentId', 'An OU cannot be placed under itself or its own sub-OUs.');
        }
      }
      if (patch.leaderIds) await assertLeadersExist(trx, actor.tenantId, patch.leaderIds);
      if (updated.name !== ou.name) {
        const clash = await findOuByName(trx, actor.tenantId, updated.name);
        if (clash && clash.id !== ou.id) throw alreadyExists('name', 'An OU with this name');
      }
      await updateOuRow(trx, updated);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists('name', 'An OU with this name');
    throw error;
  }
  return updated;
}
