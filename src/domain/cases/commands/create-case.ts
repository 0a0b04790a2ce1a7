import type { z } from 'zod';
import type { createCaseBody } from '../../../../contract/cases.js';
import { newId } from '../../../lib/ids.js';
import { findAssignmentRule, type AssignmentTarget } from '../../assignment/assignment-rule.repository.js';
import { chooseOwner } from '../../assignment/choose-owner.js';
import { findCustomer } from '../../customers/customers.repository.js';
import { findContactRecord } from '../../contacts/contact-records.repository.js';
import { createCustomerInTransaction } from '../../customers/commands/create-customer.js';
import type { AppContext } from '../../context.js';
import { assertOuExists } from '../../org/ou-references.js';
import { findUser } from '../../org/users.repository.js';
import { enqueueCaseNotification } from '../../notifications/enqueue.js';
import { AppError, invalidField } from '../../shared/errors.js';
import { slaDueAt, slaFor, slaWarnAt } from '../../sla/sla-clock.js';
import type { Case } from '../case.js';
import type { CaseViewer } from '../case.policy.js';
import { findCaseTypeRules } from '../case-type-rules.repository.js';
import { insertCase, nextCaseNo } from '../cases.repository.js';
import { customFieldErrors } from '../custom-fields.js';
import { assertAssignableUser, assertCustomerExists, assertQueueExists } from '../owner-references.js';
import { indexNewCase } from '../search.repository.js';
import { appendTrack } from '../track.repository.js';

export type CreateCaseInput = z.output<typeof createCaseBody>;

/** The owner the tenant's active assignment rule gives a new case (409 without an active rule). */
async function automaticOwner(
  ctx: AppContext,
  tenantId: string,
  input: CreateCaseInput,
): Promise<AssignmentTarget> {
  const rule = await findAssignmentRule(ctx.db, tenantId);
  if (!rule?.active) throw new AppError('assignment_not_configured', 'There is no active assignment rule.');
  const customer = input.customerId ? await findCustomer(ctx.db, tenantId, input.customerId) : undefined;
  return chooseOwner(rule, {
    title: input.title,
    description: input.description,
    typeId: input.typeId,
    priority: input.priority,
    origin: input.origin,
    customerOuId: customer?.ouId ?? null,
  });
}

/**
 * Creates a case in the first status of its type's process. The owner is the one given, the queue
 * given, or else the creator; the OU is the one given, else the owner's home OU, else the owning
 * queue's OU, else the creator's home OU (SPEC §13). An inline customer, the case, its first track
 * entry and its search terms are written in one transaction, so the case is found by search at once.
 * Without a given due time the SLA rule that applies sets one; its warning point is set either way.
 */
export async function createCase(ctx: AppContext, viewer: CaseViewer, input: CreateCaseInput): Promise<Case> {
  const { actor } = viewer;
  const tenantId = actor.tenantId;
  const now = ctx.clock.now();

  const type = await findCaseTypeRules(ctx.db, tenantId, input.typeId);
  if (!type || !type.enabled) throw invalidField('typeId', 'No such enabled case type.');
  if (input.dueAt && new Date(input.dueAt).getTime() <= now.getTime())
    throw invalidField('dueAt', 'The due time must lie in the future.');
  const fieldErrors = customFieldErrors(type, input.customFields);
  if (fieldErrors.length > 0)
    throw new AppError('validation_failed', 'Some custom fields are not valid.', fieldErrors);
  const inlineCustomer = input.customerId === undefined ? input.customer : undefined;
  if (input.customerId !== undefined) await assertCustomerExists(ctx.db, tenantId, input.customerId);
  else if (!inlineCustomer) throw invalidField('customerId', 'Give either customerId or customer.');
  if (input.interactionId && !(await findContactRecord(ctx.db, tenantId, input.interactionId))) {
    throw invalidField('interactionId', 'No such contact record.');
  }
  if (input.ouId !== undefined) await assertOuExists(ctx.db, tenantId, input.ouId);
  const target =
    input.assignment === 'auto'
      ? await automaticOwner(ctx, tenantId, input)
      : { ownerId: input.ownerId, queueId: input.queueId };

  let ownerId: string | null = actor.userId;
  let queueId: string | null = null;
  let derivedOu: string | null = null;
  if (target.ownerId !== undefined) {
    ownerId = target.ownerId;
    derivedOu = (await assertAssignableUser(ctx.db, tenantId, target.ownerId)).ouId;
  } else if (target.queueId !== undefined) {
    ownerId = null;
    queueId = target.queueId;
    derivedOu = (await assertQueueExists(ctx.db, tenantId, target.queueId)).ouId;
  } else {
    derivedOu = (await findUser(ctx.db, tenantId, actor.userId))?.ouId ?? actor.ouId;
  }
  const ouId = input.ouId ?? derivedOu ?? actor.ouId;
  const sla = await slaFor(ctx.db, tenantId, type.id);
  const dueAt = input.dueAt
    ? new Date(input.dueAt).toISOString()
    : sla
      ? slaDueAt(sla, input.priority, now)
      : null;
  const firstStatus = type.process[0];
  if (firstStatus === undefined) throw new Error(`Case type ${type.id} has an empty process`);

  const created = await ctx.db.transaction().execute(async (trx) => {
    const iso = now.toISOString();
    const customerId = inlineCustomer
      ? (await createCustomerInTransaction(trx, actor, inlineCustomer, iso)).id
      : (input.customerId ?? '');
    const c: Case = {
      tenantId,
      id: newId(),
      caseNo: await nextCaseNo(trx, tenantId),
      typeId: type.id,
      title: input.title,
      description: input.description,
      priority: input.priority,
      originalPriority: input.priority,
      origin: input.origin,
      customerId,
      contactPhone: input.contactPhone ?? null,
      ownerId,
      queueId,
      creatorId: actor.userId,
      ouId,
      state: 'open',
      status: firstStatus,
      priorState: null,
      priorStatus: null,
      reopenCount: 0,
      suspendedMs: 0,
      pausedAt: null,
      mergedIntoId: null,
      interactionId: input.interactionId ?? null,
      customerNotify: {
        email: input.customerNotify?.email ?? false,
        sms: input.customerNotify?.sms ?? false,
      },
      customFields: input.customFields,
      dueAt,
      dueAtSource: input.dueAt ? 'manual' : dueAt ? 'sla' : null,
      slaStartedAt: iso,
      pausedMsSinceStart: 0,
      slaWarnAt: slaWarnAt(sla, dueAt),
      version: 1,
      createdAt: iso,
      updatedAt: iso,
      closedAt: null,
    };
    await insertCase(trx, c);
    await appendTrack(trx, tenantId, {
      caseId: c.id,
      kind: 'created',
      actorId: actor.userId,
      at: iso,
      remark: null,
      changes: null,
      body: null,
    });
    await indexNewCase(trx, c);
    // An owner other than the creator hears of the case; creation counts as a state change for the
    // customer (SPEC §13). Both are outbox rows of this transaction.
    await enqueueCaseNotification(trx, ctx, {
      kind: 'automatic',
      caseAfter: c,
      recipients: 'owner',
      excludeUserId: actor.userId,
    });
    await enqueueCaseNotification(trx, ctx, { kind: 'customer', caseAfter: c, recipients: 'customer' });
    return c;
  });
  ctx.events.publish({ tenantId, caseId: created.id, version: created.version, kind: 'created' });
  return created;
}
