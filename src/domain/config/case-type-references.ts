import type { Executor } from '../../db/connection.js';
import { invalidField } from '../shared/errors.js';
import type { CaseType } from './case-type.js';
import { caseTypeParents, findCaseType } from './case-types.repository.js';

/**
 * A parent must be a case type of the tenant, and must not be the type itself or one nested under it
 * (types nest into categories; a cycle would have no top). `typeId` is absent for a new type, which
 * nothing can be nested under yet.
 */
export async function assertParentCaseTypeAllowed(
  db: Executor,
  tenantId: string,
  parentId: string,
  typeId?: string,
): Promise<void> {
  const parents = await caseTypeParents(db, tenantId);
  if (!parents.has(parentId)) throw invalidField('parentId', 'No such case type.');
  if (typeId === undefined) return;
  // Walk up from the new parent: meeting the type itself means the move would make a cycle.
  const seen = new Set<string>();
  for (let at: string | null = parentId; at !== null && !seen.has(at); at = parents.get(at) ?? null) {
    if (at === typeId)
      throw invalidField('parentId', 'A case type cannot be nested under itself or its own sub-types.');
    seen.add(at);
  }
}

/**
 * For a new case: the type must be an enabled type of the tenant (SPEC §3). A missing, foreign or
 * disabled type is the same 400 on the field, so nothing tells them apart (SPEC §13).
 */
export async function requireEnabledCaseType(
  db: Executor,
  tenantId: string,
  typeId: string,
  field = 'typeId',
): Promise<CaseType> {
  const type = await findCaseType(db, tenantId, typeId);
  if (!type?.enabled) throw invalidField(field, 'No such enabled case type.');
  return type;
}
