import type { Case } from '../cases/case.js';
import type { CaseViewer } from '../cases/case.policy.js';
import { forbidden } from '../shared/errors.js';

/**
 * Internal records are the case owner's and the tenant administrators' alone (SPEC §6, §13): not even
 * `case.queryAll` reaches them, and on a queue case without an owner only administrators see them.
 */
export function mayUseInternalRecords(viewer: CaseViewer, c: Pick<Case, 'ownerId'>): boolean {
  return viewer.actor.tenantAdmin || (c.ownerId !== null && c.ownerId === viewer.actor.userId);
}

export function assertMayUseInternalRecords(viewer: CaseViewer, c: Pick<Case, 'ownerId'>): void {
  if (!mayUseInternalRecords(viewer, c))
    throw forbidden("Internal records are for the case's owner and tenant administrators.");
}
