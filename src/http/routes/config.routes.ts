import { z } from 'zod';
import { idParams } from '../../../contract/common.js';
import {
  caseTypeListQuery,
  caseTypeSchema,
  createCaseTypeBody,
  createQueueBody,
  queueSchema,
  updateCaseTypeBody,
  updateQueueBody,
} from '../../../contract/config.js';
import { isCaseTypeVisibleTo, seesDisabledCaseTypes } from '../../domain/config/case-type.js';
import { presentCaseType } from '../../domain/config/case-type.presenter.js';
import { findCaseType, listCaseTypes } from '../../domain/config/case-types.repository.js';
import { createCaseType } from '../../domain/config/commands/create-case-type.js';
import { createQueue } from '../../domain/config/commands/create-queue.js';
import { deleteCaseType } from '../../domain/config/commands/delete-case-type.js';
import { deleteQueue } from '../../domain/config/commands/delete-queue.js';
import { updateCaseType } from '../../domain/config/commands/update-case-type.js';
import { updateQueue } from '../../domain/config/commands/update-queue.js';
import { presentQueue } from '../../domain/config/queue.presenter.js';
import { findQueue, listQueues } from '../../domain/config/queues.repository.js';
import type { Actor, AppContext } from '../../domain/context.js';
import { notFound } from '../../domain/shared/errors.js';
import { route } from '../route.js';

const items = <T extends z.ZodType>(schema: T) => z.object({ items: z.array(schema) });

/** A disabled type is 404 for those who may not see it, on every route that names it. */
async function loadCaseType(ctx: AppContext, actor: Actor, params: Record<string, string>) {
  const type = await findCaseType(ctx.db, actor.tenantId, params.id ?? '');
  if (!type || !isCaseTypeVisibleTo(actor, type)) throw notFound('The case type');
  return type;
}
async function loadQueue(ctx: AppContext, actor: Actor, params: Record<string, string>) {
  return (await findQueue(ctx.db, actor.tenantId, params.id ?? '')) ?? Promise.reject(notFound('The queue'));
}

const configManagers = { access: 'permission', permission: 'config.manage' } as const;

export const caseTypeRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/case-types',
    operationId: 'listCaseTypes',
    summary: 'Case types of the tenant (disabled ones only for configuration managers, on request)',
    description:
      'Every signed-in user gets the enabled types. `includeDisabled=true` adds the disabled ones for holders of `config.manage`; for others it is ignored.',
    tags: ['case-types'],
    policy: { access: 'signedIn' },
    query: caseTypeListQuery,
    response: { status: 200, schema: items(caseTypeSchema) },
    async handle({ ctx, actor, query }) {
      const includeDisabled = query.includeDisabled === true && seesDisabledCaseTypes(actor);
      const types = await listCaseTypes(ctx.db, actor.tenantId, { includeDisabled });
      return { items: types.map(presentCaseType) };
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/case-types',
    operationId: 'createCaseType',
    summary: 'Create a case type with its process and custom fields',
    tags: ['case-types'],
    policy: configManagers,
    body: createCaseTypeBody,
    response: { status: 201, schema: caseTypeSchema },
    errors: ['already_exists'],
    idempotent: true,
    handle: async ({ ctx, actor, body }) => presentCaseType(await createCaseType(ctx, actor, body)),
  }),
  route({
    method: 'GET',
    path: '/api/v1/case-types/:id',
    operationId: 'getCaseType',
    summary: 'One case type (a disabled one only for configuration managers)',
    tags: ['case-types'],
    policy: { access: 'signedIn' },
    params: idParams,
    load: loadCaseType,
    response: { status: 200, schema: caseTypeSchema },
    handle: ({ loaded }) => Promise.resolve(presentCaseType(loaded)),
  }),
  route({
    method: 'PATCH',
    path: '/api/v1/case-types/:id',
    operationId: 'updateCaseType',
    summary: 'Change a case type; its process only while it is disabled',
    tags: ['case-types'],
    policy: configManagers,
    params: idParams,
    load: loadCaseType,
    body: updateCaseTypeBody,
    response: { status: 200, schema: caseTypeSchema },
    errors: ['already_exists', 'case_type_enabled', 'in_use'],
    handle: async ({ ctx, loaded, body }) => presentCaseType(await updateCaseType(ctx, loaded, body)),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/case-types/:id',
    operationId: 'deleteCaseType',
    summary: 'Delete a case type no case uses and no type is nested under',
    tags: ['case-types'],
    policy: configManagers,
    params: idParams,
    load: loadCaseType,
    response: { status: 204 },
    errors: ['in_use'],
    handle: ({ ctx, loaded }) => deleteCaseType(ctx, loaded),
  }),
];

export const queueRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/queues',
    operationId: 'listQueues',
    summary: 'Case queues of the tenant with their members',
    tags: ['queues'],
    policy: { access: 'signedIn' },
    response: { status: 200, schema: items(queueSchema) },
    handle: async ({ ctx, actor }) => ({
      items: (await listQueues(ctx.db, actor.tenantId)).map(presentQueue),
    }),
  }),
  route({
    method: 'POST',
    path: '/api/v1/queues',
    operationId: 'createQueue',
    summary: 'Create a case queue',
    tags: ['queues'],
    policy: configManagers,
    body: createQueueBody,
    response: { status: 201, schema: queueSchema },
    errors: ['already_exists'],
    idempotent: true,
    handle: async ({ ctx, actor, body }) => presentQueue(await createQueue(ctx, actor, body)),
  }),
  route({
    method: 'GET',
    path: '/api/v1/queues/:id',
    operationId: 'getQueue',
    summary: 'One case queue',
    tags: ['queues'],
    policy: { access: 'signedIn' },
    params: idParams,
    load: loadQueue,
    response: { status: 200, schema: queueSchema },
    handle: ({ loaded }) => Promise.resolve(presentQueue(loaded)),
  }),
  route({
    method: 'PATCH',
    path: '/api/v1/queues/:id',
    operationId: 'updateQueue',
    summary: 'Rename a queue, change its OU or replace its members',
    tags: ['queues'],
    policy: configManagers,
    params: idParams,
    load: loadQueue,
    body: updateQueueBody,
    response: { status: 200, schema: queueSchema },
    errors: ['already_exists'],
    handle: async ({ ctx, loaded, body }) => presentQueue(await updateQueue(ctx, loaded, body)),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/queues/:id',
    operationId: 'deleteQueue',
    summary: 'Delete a queue no case belongs to',
    tags: ['queues'],
    policy: configManagers,
    params: idParams,
    load: loadQueue,
    response: { status: 204 },
    errors: ['in_use'],
    handle: ({ ctx, loaded }) => deleteQueue(ctx, loaded),
  }),
];
