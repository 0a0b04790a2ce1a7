import type { AssignmentRuleInput } from '../../../../contract/assignment.js';
import { assertAssignableUser, assertQueueExists } from '../../cases/owner-references.js';
import type { Actor, AppContext } from '../../context.js';
import {
  saveAssignmentRule,
  type AssignmentRule,
  type AssignmentTarget,
} from '../assignment-rule.repository.js';

async function assertTarget(
  ctx: AppContext,
  tenantId: string,
  target: AssignmentTarget,
  at: string,
): Promise<void> {
  if (target.ownerId !== undefined)
    await assertAssignableUser(ctx.db, tenantId, target.ownerId, `${at}.ownerId`);
  if (target.queueId !== undefined)
    await assertQueueExists(ctx.db, tenantId, target.queueId, `${at}.queueId`);
}

/** Replaces the tenant's automatic-assignment rule; every target must be an active user or a queue. */
export async function saveAssignment(
  ctx: AppContext,
  actor: Actor,
  input: AssignmentRuleInput,
): Promise<AssignmentRule> {
  await assertTarget(ctx, actor.tenantId, input.defaultOwner, 'defaultOwner');
  for (const [index, item] of input.items.entries())
    await assertTarget(ctx, actor.tenantId, item, `items.${index}`);
  const rule: AssignmentRule = {
    tenantId: actor.tenantId,
    active: input.active,
    defaultOwner: {
      ...(input.defaultOwner.ownerId
        ? { ownerId: input.defaultOwner.ownerId }
        : { queueId: input.defaultOwner.queueId }),
    },
    items: input.items,
    updatedAt: ctx.clock.now().toISOString(),
  };
  await saveAssignmentRule(ctx.db, rule);
  return rule;
}
