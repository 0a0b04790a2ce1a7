import { assignmentRuleBody, assignmentRuleSchema } from '../../../contract/assignment.js';
import type { AssignmentRule } from '../../domain/assignment/assignment-rule.repository.js';
import { findAssignmentRule } from '../../domain/assignment/assignment-rule.repository.js';
import { saveAssignment } from '../../domain/assignment/commands/save-assignment-rule.js';
import { route, type RouteDefinition } from '../route.js';

function presentRule(rule: AssignmentRule | undefined) {
  if (!rule) return { active: false, defaultOwner: null, items: [], updatedAt: null };
  return {
    active: rule.active,
    defaultOwner: rule.defaultOwner,
    items: rule.items,
    updatedAt: rule.updatedAt,
  };
}

export const assignmentRoutes: RouteDefinition[] = [
  route({
    method: 'GET',
    path: '/api/v1/assignment-rule',
    operationId: 'getAssignmentRule',
    summary: "The tenant's automatic-assignment rule (inactive and empty until one is saved)",
    tags: ['assignment'],
    policy: { access: 'permission', permission: 'config.manage' },
    response: { status: 200, schema: assignmentRuleSchema },
    handle: async ({ ctx, actor }) => presentRule(await findAssignmentRule(ctx.db, actor.tenantId)),
  }),
  route({
    method: 'PUT',
    path: '/api/v1/assignment-rule',
    operationId: 'saveAssignmentRule',
    summary:
      'Replace the automatic-assignment rule: up to 10 ordered items (first match wins) and a default owner',
    tags: ['assignment'],
    policy: { access: 'permission', permission: 'config.manage' },
    body: assignmentRuleBody,
    response: { status: 200, schema: assignmentRuleSchema },
    handle: async ({ ctx, actor, body }) => presentRule(await saveAssignment(ctx, actor, body)),
  }),
];
