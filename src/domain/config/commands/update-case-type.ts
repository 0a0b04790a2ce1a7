import type { z } from 'zod';
import type { updateCaseTypeBody } from '../../../../contract/config.js';
import { isUniqueViolation } from '../../../db/errors.js';
import type { AppContext } from '../../context.js';
import { assertOuExists } from '../../org/ou-references.js';
import { lockTenant } from '../../org/tenants.repository.js';
import { AppError, alreadyExists } from '../../shared/errors.js';
import type { CaseType } from '../case-type.js';
import { assertParentCaseTypeAllowed } from '../case-type-references.js';
import { findCaseTypeByName, statusesHeldByCases, updateCaseTypeRow } from '../case-types.repository.js';

function sameStatuses(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((status, i) => status === b[i]);
}

/**
 * Changes a case type. Its process may change only while the stored type is disabled (cases in
 * flight would otherwise meet a process they were not created with), and never so as to drop a
 * status that a case of the type still holds, now or as the status a cancelled case resumes to.
 * Sending the unchanged process is not a change, so a form may send the whole type back.
 */
export async function updateCaseType(
  ctx: AppContext,
  type: CaseType,
  patch: z.output<typeof updateCaseTypeBody>,
): Promise<CaseType> {
  const updated: CaseType = {
    ...type,
    name: patch.name ?? type.name,
    description: patch.description ?? type.description,
    parentId: patch.parentId === undefined ? type.parentId : patch.parentId,
    ouId: patch.ouId === undefined ? type.ouId : patch.ouId,
    process: patch.process ?? type.process,
    strictOrder: patch.strictOrder ?? type.strictOrder,
    verifyTasks: patch.verifyTasks ?? type.verifyTasks,
    enabled: patch.enabled ?? type.enabled,
    customFields: patch.customFields ?? type.customFields,
    updatedAt: ctx.clock.now().toISOString(),
  };
  const processChanged = !sameStatuses(updated.process, type.process);
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if (updated.parentId !== null && updated.parentId !== type.parentId) {
        // Two moves at the same moment must not each miss the other and together make a cycle.
        await lockTenant(trx, ctx.dialect, type.tenantId);
        await assertParentCaseTypeAllowed(trx, type.tenantId, updated.parentId, type.id);
      }
      if (updated.ouId !== null && updated.ouId !== type.ouId) {
        await assertOuExists(trx, type.tenantId, updated.ouId);
      }
      if (updated.name !== type.name) {
        const clash = await findCaseTypeByName(trx, type.tenantId, updated.name);
        if (clash && clash.id !== type.id) throw alreadyExists('name', 'A case type with this name');
      }
      if (processChanged) {
        if (type.enabled) {
          throw new AppError(
            'case_type_enabled',
            'The process of an enabled case type cannot change; disable the type first.',
          );
        }
        const removed = type.process.filter((status) => !updated.process.includes(status));
        const held = await statusesHeldByCases(trx, type.tenantId, type.id, removed);
        if (held.length > 0) {
          const names = held.map((status) => `"${status}"`).join(', ');
          throw new AppError(
            'in_use',
            `Cases of this type still hold the status ${names}, so it cannot be removed from the process.`,
          );
        }
      }
      await updateCaseTypeRow(trx, updated);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists('name', 'A case type with this name');
    throw error;
  }
  return updated;
}
