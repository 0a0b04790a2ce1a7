import type { Executor } from '../../db/connection.js';
import { findCaseType } from '../config/case-types.repository.js';
import type { CaseTypeRules } from './case.js';

/** What the case rules need of a case type (its process, order, fields); the type's own CRUD lives in config. */
export async function findCaseTypeRules(
  db: Executor,
  tenantId: string,
  typeId: string,
): Promise<CaseTypeRules | undefined> {
  const type = await findCaseType(db, tenantId, typeId);
  if (!type) return undefined;
  return {
    id: type.id,
    name: type.name,
    enabled: type.enabled,
    process: type.process,
    strictOrder: type.strictOrder,
    verifyTasks: type.verifyTasks,
    ouId: type.ouId,
    customFields: type.customFields,
  };
}
