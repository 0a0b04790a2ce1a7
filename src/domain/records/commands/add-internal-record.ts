import { newId } from '../../../lib/ids.js';
import type { Case } from '../../cases/case.js';
import type { CaseViewer } from '../../cases/case.policy.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../shared/errors.js';
import { assertMayUseInternalRecords } from '../internal-record.policy.js';
import type { InternalRecord } from '../internal-record.js';
import { insertInternalRecord } from '../internal-records.repository.js';

/**
 * Adds a private note to a case, in every state but merged. It never appears on the track nor in
 * events that others receive.
 */
export async function addInternalRecord(
  ctx: AppContext,
  viewer: CaseViewer,
  c: Case,
  body: string,
): Promise<InternalRecord> {
  assertMayUseInternalRecords(viewer, c);
  if (c.state === 'merged') throw new AppError('case_invalid_transition', 'A merged case is read-only.');
  const record: InternalRecord = {
    tenantId: c.tenantId,
    id: newId(),
    caseId: c.id,
    body,
    authorId: viewer.actor.userId,
    createdAt: ctx.clock.now().toISOString(),
  };
  await insertInternalRecord(ctx.db, record);
  return record;
}
