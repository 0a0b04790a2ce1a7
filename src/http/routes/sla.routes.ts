import { z } from 'zod';
import { idParams } from '../../../contract/common.js';
import {
  calendarSchema,
  createCalendarBody,
  createSlaRuleBody,
  slaRuleSchema,
  updateCalendarBody,
  updateSlaRuleBody,
} from '../../../contract/sla.js';
import type { Actor, AppContext } from '../../domain/context.js';
import { notFound } from '../../domain/shared/errors.js';
import { findCalendar, listCalendars } from '../../domain/sla/calendars.repository.js';
import { createCalendar } from '../../domain/sla/commands/create-calendar.js';
import { createSlaRule } from '../../domain/sla/commands/create-sla-rule.js';
import { deleteCalendar } from '../../domain/sla/commands/delete-calendar.js';
import { deleteSlaRule } from '../../domain/sla/commands/delete-sla-rule.js';
import { updateCalendar } from '../../domain/sla/commands/update-calendar.js';
import { updateSlaRule } from '../../domain/sla/commands/update-sla-rule.js';
import { presentCalendar, presentSlaRule } from '../../domain/sla/sla.presenter.js';
import { findSlaRule, listSlaRules } from '../../domain/sla/sla-rules.repository.js';
import { route } from '../route.js';

const items = <T extends z.ZodType>(schema: T) => z.object({ items: z.array(schema) });

async function loadCalendar(ctx: AppContext, actor: Actor, params: Record<string, string>) {
  return (
    (await findCalendar(ctx.db, actor.tenantId, params.id ?? '')) ?? Promise.reject(notFound('The calendar'))
  );
}
async function loadSlaRule(ctx: AppContext, actor: Actor, params: Record<string, string>) {
  return (
    (await findSlaRule(ctx.db, actor.tenantId, params.id ?? '')) ?? Promise.reject(notFound('The SLA rule'))
  );
}

/** Calendars and SLA rules are configuration: reading them, too, takes `config.manage`. */
const configManagers = { access: 'permission', permission: 'config.manage' } as const;

export const calendarRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/calendars',
    operationId: 'listCalendars',
    summary: 'Business-hours calendars of the tenant',
    tags: ['sla'],
    policy: configManagers,
    response: { status: 200, schema: items(calendarSchema) },
    handle: async ({ ctx, actor }) => ({
      items: (await listCalendars(ctx.db, actor.tenantId)).map(presentCalendar),
    }),
  }),
  route({
    method: 'POST',
    path: '/api/v1/calendars',
    operationId: 'createCalendar',
    summary: 'Create a business-hours calendar',
    tags: ['sla'],
    policy: configManagers,
    body: createCalendarBody,
    response: { status: 201, schema: calendarSchema },
    errors: ['already_exists'],
    idempotent: true,
    handle: async ({ ctx, actor, body }) => presentCalendar(await createCalendar(ctx, actor, body)),
  }),
  route({
    method: 'GET',
    path: '/api/v1/calendars/:id',
    operationId: 'getCalendar',
    summary: 'One business-hours calendar',
    tags: ['sla'],
    policy: configManagers,
    params: idParams,
    load: loadCalendar,
    response: { status: 200, schema: calendarSchema },
    handle: ({ loaded }) => Promise.resolve(presentCalendar(loaded)),
  }),
  route({
    method: 'PATCH',
    path: '/api/v1/calendars/:id',
    operationId: 'updateCalendar',
    summary: 'Change a calendar (due times already set stay)',
    tags: ['sla'],
    policy: configManagers,
    params: idParams,
    load: loadCalendar,
    body: updateCalendarBody,
    response: { status: 200, schema: calendarSchema },
    errors: ['already_exists'],
    handle: async ({ ctx, loaded, body }) => presentCalendar(await updateCalendar(ctx, loaded, body)),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/calendars/:id',
    operationId: 'deleteCalendar',
    summary: 'Delete a calendar no SLA rule uses',
    tags: ['sla'],
    policy: configManagers,
    params: idParams,
    load: loadCalendar,
    response: { status: 204 },
    errors: ['in_use'],
    handle: ({ ctx, loaded }) => deleteCalendar(ctx, loaded),
  }),
];

export const slaRuleRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/sla-rules',
    operationId: 'listSlaRules',
    summary: 'SLA rules of the tenant',
    tags: ['sla'],
    policy: configManagers,
    response: { status: 200, schema: items(slaRuleSchema) },
    handle: async ({ ctx, actor }) => ({
      items: (await listSlaRules(ctx.db, actor.tenantId)).map(presentSlaRule),
    }),
  }),
  route({
    method: 'POST',
    path: '/api/v1/sla-rules',
    operationId: 'createSlaRule',
    summary: 'Create an SLA rule for a case type or the tenant default',
    description:
      'At most one active rule per case type and one active tenant default (no `caseTypeId`); another is 409 `sla_rule_conflict`.',
    tags: ['sla'],
    policy: configManagers,
    body: createSlaRuleBody,
    response: { status: 201, schema: slaRuleSchema },
    errors: ['already_exists', 'sla_rule_conflict'],
    idempotent: true,
    handle: async ({ ctx, actor, body }) => presentSlaRule(await createSlaRule(ctx, actor, body)),
  }),
  route({
    method: 'GET',
    path: '/api/v1/sla-rules/:id',
    operationId: 'getSlaRule',
    summary: 'One SLA rule',
    tags: ['sla'],
    policy: configManagers,
    params: idParams,
    load: loadSlaRule,
    response: { status: 200, schema: slaRuleSchema },
    handle: ({ loaded }) => Promise.resolve(presentSlaRule(loaded)),
  }),
  route({
    method: 'PATCH',
    path: '/api/v1/sla-rules/:id',
    operationId: 'updateSlaRule',
    summary: 'Change an SLA rule (due times already set stay)',
    tags: ['sla'],
    policy: configManagers,
    params: idParams,
    load: loadSlaRule,
    body: updateSlaRuleBody,
    response: { status: 200, schema: slaRuleSchema },
    errors: ['already_exists', 'sla_rule_conflict'],
    handle: async ({ ctx, loaded, body }) => presentSlaRule(await updateSlaRule(ctx, loaded, body)),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/sla-rules/:id',
    operationId: 'deleteSlaRule',
    summary: 'Delete an SLA rule',
    tags: ['sla'],
    policy: configManagers,
    params: idParams,
    load: loadSlaRule,
    response: { status: 204 },
    handle: ({ ctx, loaded }) => deleteSlaRule(ctx, loaded),
  }),
];

export const slaRoutes = [...calendarRoutes, ...slaRuleRoutes];
