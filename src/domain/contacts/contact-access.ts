import { CONTACT_WINDOW_MS } from '../../../contract/details.js';
import type { Executor } from '../../db/connection.js';
import { canViewCaseAt, type CaseViewer } from '../cases/case.policy.js';
import { findCase } from '../cases/cases.repository.js';
import { AppError } from '../shared/errors.js';
import type { ContactRecord } from './contact-record.js';
import { caseIdsLinkedTo } from './contact-records.repository.js';

/**
 * Who may read a contact record (SPEC §13): tenant administrators, the integration or user that
 * recorded it, and anyone who may see a case linked to it (by InteractionId or by its customer).
 */
export async function mayReadContactRecord(
  db: Executor,
  viewer: CaseViewer,
  r: ContactRecord,
): Promise<boolean> {
  if (viewer.actor.tenantAdmin || r.creatorId === viewer.actor.userId) return true;
  for (const caseId of await caseIdsLinkedTo(db, r)) {
    const c = await findCase(db, r.tenantId, caseId);
    if (c && (await canViewCaseAt(db, viewer, c))) return true;
  }
  return false;
}

/** The start of the viewing window: records that started before it are expired for every reader. */
export function windowStart(now: Date): string {
  return new Date(now.getTime() - CONTACT_WINDOW_MS).toISOString();
}

export function assertNotExpired(r: ContactRecord, now: Date): void {
  if (r.startedAt < windowStart(now)) {
    throw new AppError(
      'contact_record_expired',
      'Contact records can be viewed for 7 days after they started; this one has expired.',
    );
  }
}
