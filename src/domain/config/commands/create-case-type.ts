import type { z } from 'zod';
import type { createCaseTypeBody } from '../../../../contract/config.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { newId } from '../../../lib/ids.js';
import type { Actor, AppContext } from '../../context.js';
import { assertOuExists } from '../../org/ou-references.js';
import { alreadyExists } from '../../shared/errors.js';
import type { CaseType } from '../case-type.js';
import { assertParentCaseTypeAllowed } from '../case-type-references.js';
import { findCaseTypeByName, insertCaseType } from '../case-types.repository.js';

/** Creates a case type, optionally nested under another type of the tenant and carrying an OU. */
export async function createCaseType(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof createCaseTypeBody>,
): Promise<CaseType> {
  const now = ctx.clock.now().toISOString();
  const type: CaseType = {
    tenantId: actor.tenantId,
    id: newId(),
    name: input.name,
    description: input.description,
    parentId: input.parentId ?? null,
    ouId: input.ouId ?? null,
    process: input.process,
    strictOrder: input.strictOrder,
    verifyTasks: input.verifyTasks,
    enabled: input.enabled,
    customFields: input.customFields,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if (type.parentId) await assertParentCaseTypeAllowed(trx, actor.tenantId, type.parentId);
      if (type.ouId) await assertOuExists(trx, actor.tenantId, type.ouId);
      if (await findCaseTypeByName(trx, actor.tenantId, type.name))
        throw alreadyExists('name', 'A case type with this name');
      await insertCaseType(trx, type);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists('name', 'A case type with this name');
    throw error;
  }
  return type;
}
