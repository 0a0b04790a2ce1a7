import type { z } from 'zod';
import type { caseListItemSchema, caseSchema } from '../../../contract/cases.js';
import { displayTitle, isUpgraded, type Case, type CaseTypeRules } from './case.js';
import { abilitiesOf, type CaseViewer } from './case.policy.js';

export type CaseJson = z.infer<typeof caseSchema>;
export type CaseListItemJson = z.infer<typeof caseListItemSchema>;

/**
 * The SLA countdown: time left to the due time, frozen while the clock stands still (suspended,
 * cancelled) and at closing.
 */
export function slaOf(c: Case, now: Date): CaseJson['sla'] {
  if (c.dueAt === null) return null;
  const frozenAt =
    c.pausedAt ?? (c.state === 'closed' || c.state === 'merged' ? (c.closedAt ?? c.updatedAt) : null);
  const at = frozenAt ? new Date(frozenAt).getTime() : now.getTime();
  const remainingMs = new Date(c.dueAt).getTime() - at;
  return { dueAt: c.dueAt, remainingMs, overdue: remainingMs < 0 };
}

export function presentCaseListItem(
  c: Case,
  followed: boolean,
  now: Date,
  customerName: string | null,
): CaseListItemJson {
  return {
    id: c.id,
    caseNo: c.caseNo,
    typeId: c.typeId,
    title: c.title,
    displayTitle: displayTitle(c),
    priority: c.priority,
    originalPriority: c.originalPriority,
    upgraded: isUpgraded(c),
    origin: c.origin,
    customerId: c.customerId,
    customerName,
    contactPhone: c.contactPhone,
    ownerId: c.ownerId,
    queueId: c.queueId,
    creatorId: c.creatorId,
    ouId: c.ouId,
    state: c.state,
    status: c.status,
    reopened: c.reopenCount > 0,
    reopenCount: c.reopenCount,
    suspendedMs: c.suspendedMs,
    mergedIntoId: c.mergedIntoId,
    interactionId: c.interactionId,
    customerNotify: c.customerNotify,
    customFields: c.customFields,
    dueAt: c.dueAt,
    dueAtSource: c.dueAtSource,
    sla: slaOf(c, now),
    followed,
    version: c.version,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    closedAt: c.closedAt,
  };
}

/** The full case for its details page, with what the caller may do to it. */
export function presentCase(
  c: Case,
  context: { viewer: CaseViewer; type: CaseTypeRules; followed: boolean; now: Date },
): CaseJson {
  // The details page shows the whole customer beside the case, so the case carries no name of it.
  const { customerName: _customerName, ...item } = presentCaseListItem(
    c,
    context.followed,
    context.now,
    null,
  );
  return {
    ...item,
    description: c.description,
    abilities: abilitiesOf(context.viewer, c, context.type, context.followed),
  };
}
