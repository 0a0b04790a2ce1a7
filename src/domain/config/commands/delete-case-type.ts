import { isForeignKeyViolation } from '../../../db/errors.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../shared/errors.js';
import type { CaseType } from '../case-type.js';
import { deleteCaseTypeRow, hasCasesOfType, hasChildCaseTypes } from '../case-types.repository.js';

const USED_BY_CASES = 'Cases use this case type; disable it instead of deleting it.';

/**
 * Deletes a case type that no case uses and no other type is nested under; otherwise 409 `in_use`
 * (a used type is disabled instead, so its cases keep their process).
 */
export async function deleteCaseType(ctx: AppContext, type: CaseType): Promise<void> {
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if (await hasCasesOfType(trx, type.tenantId, type.id)) throw new AppError('in_use', USED_BY_CASES);
      if (await hasChildCaseTypes(trx, type.tenantId, type.id)) {
        throw new AppError(
          'in_use',
          'Other case types are nested under this one; move or delete them first.',
        );
      }
      await deleteCaseTypeRow(trx, type.tenantId, type.id);
    });
  } catch (error) {
    // A case (or sub-type) created after the checks above but before the delete.
    if (isForeignKeyViolation(error)) throw new AppError('in_use', USED_BY_CASES);
    throw error;
  }
}
