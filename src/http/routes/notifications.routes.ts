import { z } from 'zod';
import { remarkBody, caseSchema } from '../../../contract/cases.js';
import { idParams, listOf } from '../../../contract/common.js';
import {
  channelsBody,
  channelsSchema,
  channelTestBody,
  channelTestSchema,
  createTemplateBody,
  notificationListQuery,
  notificationSchema,
  previewBody,
  previewSchema,
  templateSchema,
  updateTemplateBody,
} from '../../../contract/notifications.js';
import { canViewCaseAt, caseViewerOf } from '../../domain/cases/case.policy.js';
import { findCase } from '../../domain/cases/cases.repository.js';
import { urgeCase } from '../../domain/cases/commands/urge-case.js';
import type { Actor, AppContext } from '../../domain/context.js';
import { findChannels, presentChannels } from '../../domain/notifications/channels.repository.js';
import { putChannels, testChannel } from '../../domain/notifications/commands/channels.js';
import { previewTemplate } from '../../domain/notifications/commands/preview-template.js';
import {
  createTemplate,
  deleteTemplate,
  updateTemplate,
} from '../../domain/notifications/commands/save-template.js';
import { pageOutbox, presentNotification } from '../../domain/notifications/outbox.repository.js';
import { presentTemplate } from '../../domain/notifications/template.js';
import { findTemplate, listTemplates } from '../../domain/notifications/templates.repository.js';
import { invalidField, notFound } from '../../domain/shared/errors.js';
import { decodeCursor, encodeCursor } from '../../domain/shared/pagination.js';
import { route, type RouteDefinition } from '../route.js';
import { caseResponse, ifMatchOf, loadCase } from './cases.routes.js';

const configManagers = { access: 'permission', permission: 'config.manage' } as const;

async function loadTemplate(ctx: AppContext, actor: Actor, params: Record<string, string>) {
  return (
    (await findTemplate(ctx.db, actor.tenantId, params.id ?? '')) ??
    Promise.reject(notFound('The reminder template'))
  );
}

export const notificationRoutes: RouteDefinition[] = [
  route({
    method: 'POST',
    path: '/api/v1/cases/:id/urge',
    operationId: 'urgeCase',
    summary: 'Send the owner a reminder notice (at most once per case per 10 minutes)',
    description:
      'Anyone who may see the case may urge it while it is open or suspended. 409 `reminder_not_configured` without an enabled reminder template on a configured channel (checked first), 409 `urge_too_soon` within 10 minutes of the last urge. The case does not change.',
    tags: ['cases'],
    policy: { access: 'signedIn' },
    params: idParams,
    body: remarkBody,
    load: loadCase,
    response: { status: 200, schema: caseSchema },
    errors: [
      'forbidden',
      'version_conflict',
      'case_invalid_transition',
      'reminder_not_configured',
      'urge_too_soon',
    ],
    async handle({ ctx, loaded, body, request, reply }) {
      // If-Match is parsed for its 400 but an urge changes nothing, so there is nothing to conflict with.
      ifMatchOf(request);
      const c = await urgeCase(ctx, loaded.viewer, loaded.case, { remark: body.remark });
      return caseResponse(ctx, loaded.viewer, c, reply);
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/reminder-templates',
    operationId: 'listReminderTemplates',
    summary: 'Reminder templates of the tenant',
    tags: ['notifications'],
    policy: configManagers,
    response: { status: 200, schema: z.object({ items: z.array(templateSchema) }) },
    handle: async ({ ctx, actor }) => ({
      items: (await listTemplates(ctx.db, actor.tenantId)).map(presentTemplate),
    }),
  }),
  route({
    method: 'POST',
    path: '/api/v1/reminder-templates',
    operationId: 'createReminderTemplate',
    summary: 'Create a reminder template (one enabled per kind and channel)',
    tags: ['notifications'],
    policy: configManagers,
    body: createTemplateBody,
    response: { status: 201, schema: templateSchema },
    errors: ['already_exists'],
    idempotent: true,
    handle: async ({ ctx, actor, body }) => presentTemplate(await createTemplate(ctx, actor, body)),
  }),
  route({
    method: 'POST',
    path: '/api/v1/reminder-templates/preview',
    operationId: 'previewReminderTemplate',
    summary: 'Render a template being edited, with a case or with sample values',
    tags: ['notifications'],
    policy: configManagers,
    body: previewBody,
    response: { status: 200, schema: previewSchema },
    async handle({ ctx, actor, body }) {
      let c = null;
      if (body.caseId !== undefined) {
        const found = await findCase(ctx.db, actor.tenantId, body.caseId);
        if (!found || !(await canViewCaseAt(ctx.db, await caseViewerOf(ctx.db, actor), found)))
          throw invalidField('caseId', 'No such case.');
        c = found;
      }
      return previewTemplate(ctx, body, c);
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/reminder-templates/:id',
    operationId: 'getReminderTemplate',
    summary: 'One reminder template',
    tags: ['notifications'],
    policy: configManagers,
    params: idParams,
    load: loadTemplate,
    response: { status: 200, schema: templateSchema },
    handle: ({ loaded }) => Promise.resolve(presentTemplate(loaded)),
  }),
  route({
    method: 'PATCH',
    path: '/api/v1/reminder-templates/:id',
    operationId: 'updateReminderTemplate',
    summary: 'Change a reminder template',
    tags: ['notifications'],
    policy: configManagers,
    params: idParams,
    load: loadTemplate,
    body: updateTemplateBody,
    response: { status: 200, schema: templateSchema },
    errors: ['already_exists'],
    handle: async ({ ctx, loaded, body }) => presentTemplate(await updateTemplate(ctx, loaded, body)),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/reminder-templates/:id',
    operationId: 'deleteReminderTemplate',
    summary: 'Delete a reminder template',
    tags: ['notifications'],
    policy: configManagers,
    params: idParams,
    load: loadTemplate,
    response: { status: 204 },
    handle: ({ ctx, loaded }) => deleteTemplate(ctx, loaded),
  }),
  route({
    method: 'GET',
    path: '/api/v1/notification-channels',
    operationId: 'getNotificationChannels',
    summary: 'The SMTP server and SMS gateway (secrets never returned)',
    tags: ['notifications'],
    policy: configManagers,
    response: { status: 200, schema: channelsSchema },
    handle: async ({ ctx, actor }) => presentChannels(await findChannels(ctx.db, actor.tenantId)),
  }),
  route({
    method: 'PUT',
    path: '/api/v1/notification-channels',
    operationId: 'putNotificationChannels',
    summary: 'Set the SMTP server and SMS gateway',
    description:
      'An omitted block stays as it is, `null` removes it. A block that omits its secret (`password`, `authHeader`) keeps the stored one.',
    tags: ['notifications'],
    policy: configManagers,
    body: channelsBody,
    response: { status: 200, schema: channelsSchema },
    handle: async ({ ctx, actor, body }) => presentChannels(await putChannels(ctx, actor, body)),
  }),
  route({
    method: 'POST',
    path: '/api/v1/notification-channels/test',
    operationId: 'testNotificationChannel',
    summary: 'Send a test message now and answer with the outcome',
    tags: ['notifications'],
    policy: configManagers,
    body: channelTestBody,
    response: { status: 200, schema: channelTestSchema },
    handle: ({ ctx, actor, body }) => testChannel(ctx, actor, body),
  }),
  route({
    method: 'GET',
    path: '/api/v1/notifications',
    operationId: 'listNotifications',
    summary: 'The outbox: what was sent to whom, its status, attempts and last error (newest first)',
    tags: ['notifications'],
    policy: configManagers,
    query: notificationListQuery,
    response: { status: 200, schema: listOf(notificationSchema) },
    async handle({ ctx, actor, query }) {
      const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, 2);
      const after =
        cursor && typeof cursor[0] === 'string' && typeof cursor[1] === 'string'
          ? { createdAt: cursor[0], id: cursor[1] }
          : undefined;
      if (cursor && !after) throw invalidField('cursor', 'Not a cursor from this list.');
      const { rows, total } = await pageOutbox(ctx.db, actor.tenantId, {
        caseId: query.caseId,
        status: query.status,
        limit: query.limit,
        after,
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map(presentNotification),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.created_at, last.id]) : null,
        total,
      };
    },
  }),
];
