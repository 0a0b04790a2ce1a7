import type { z } from 'zod';
import type { createOuBody } from '../../../../contract/org.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { newId } from '../../../lib/ids.js';
import type { Actor, AppContext } from '../../context.js';
import { alreadyExists } from '../../shared/errors.js';
import type { Ou } from '../org.js';
import { findOuByName, insertOu } from '../ous.repository.js';
import { assertLeadersExist, assertParentOuExists } from '../ou-references.js';

/** Creates an organisation unit under an existing parent (or at the top of the tree). */
export async function createOu(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof createOuBody>,
): Promise<Ou> {
  const now = ctx.clock.now().toISOString();
  const ou: Ou = {
    tenantId: actor.tenantId,
    id: newId(),
    name: input.name,
    parentId: input.parentId ?? null,
    leaderIds: [...new Set(input.leaderIds)],
    createdAt: now,
    updatedAt: now,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if (ou.parentId) await assertParentOuExists(trx, actor.tenantId, ou.parentId);
      await assertLeadersExist(trx, actor.tenantId, input.leaderIds);
      if (await findOuByName(trx, actor.tenantId, ou.name))
        throw alreadyExists('name', 'An OU with this name');
      await insertOu(trx, ou);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists('name', 'An OU with this name');
    throw error;
  }
  return ou;
}
