import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  caseCountsSchema,
  caseListItemSchema,
  caseListQuery,
  caseSchema,
  commentBody,
  createCaseBody,
  editCaseBody,
  historicalCasesQuery,
  remarkBody,
  statusBody,
  trackEntrySchema,
  trackQuery,
  transferBody,
  VIEWS,
  type CaseListQuery,
} from '../../../contract/cases.js';
import { idParams, listOf } from '../../../contract/common.js';
import type { ErrorCode } from '../../../contract/errors.js';
import { cappedCount, casesOfView, pageCases } from '../../domain/cases/case-list.repository.js';
import { canViewCase, canViewCaseAt, caseViewerOf, type CaseViewer } from '../../domain/cases/case.policy.js';
import { presentCase, presentCaseListItem } from '../../domain/cases/case.presenter.js';
import type { Case } from '../../domain/cases/case.js';
import { findCase, followedAmong, isFollowing } from '../../domain/cases/cases.repository.js';
import { cancelCase } from '../../domain/cases/commands/cancel-case.js';
import { claimCase } from '../../domain/cases/commands/claim-case.js';
import { closeCase } from '../../domain/cases/commands/close-case.js';
import { commentOnCase } from '../../domain/cases/commands/comment-on-case.js';
import { createCase } from '../../domain/cases/commands/create-case.js';
import { downgradeCase } from '../../domain/cases/commands/downgrade-case.js';
import { editCase } from '../../domain/cases/commands/edit-case.js';
import { setCaseFollowed } from '../../domain/cases/commands/follow-case.js';
import { moveCaseStatus } from '../../domain/cases/commands/move-case-status.js';
import { restartCase } from '../../domain/cases/commands/restart-case.js';
import { resumeCase } from '../../domain/cases/commands/resume-case.js';
import { suspendCase } from '../../domain/cases/commands/suspend-case.js';
import { transferCase } from '../../domain/cases/commands/transfer-case.js';
import { upgradeCase } from '../../domain/cases/commands/upgrade-case.js';
import { caseTypeOf } from '../../domain/cases/operate.js';
import { countTrack, listTrack, type TrackEntry } from '../../domain/cases/track.repository.js';
import type { Actor, AppContext } from '../../domain/context.js';
import { hasPermission } from '../../domain/context.js';
import { findVisibleCustomer } from '../../domain/customers/customer-visibility.js';
import { AppError, forbidden, notFound } from '../../domain/shared/errors.js';
import { decodeCursor, encodeCursor } from '../../domain/shared/pagination.js';
import { route, type RouteDefinition } from '../route.js';
import { customerNamesOf } from '../../domain/customers/customers.repository.js';

export interface LoadedCase {
  viewer: CaseViewer;
  case: Case;
}

/** Finds a case the caller may see; anything else (another tenant's, or out of reach) is 404. */
export async function loadCase(
  ctx: AppContext,
  actor: Actor,
  params: Record<string, string>,
): Promise<LoadedCase> {
  const [viewer, found] = await Promise.all([
    caseViewerOf(ctx.db, actor),
    findCase(ctx.db, actor.tenantId, params.id ?? ''),
  ]);
  if (!found || !(await canViewCaseAt(ctx.db, viewer, found))) throw notFound('The case');
  return {
    viewer: canViewCase(viewer, found) ? viewer : { ...viewer, taskCaseIds: new Set([found.id]) },
    case: found,
  };
}

/** `If-Match: "3"` (or `W/"3"`, or `3`): the version the client last saw; absent means "do not check". */
export function ifMatchOf(request: FastifyRequest): number | null {
  const header = request.headers['if-match'];
  if (header === undefined) return null;
  const match = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(header);
  if (!match?.[1])
    throw new AppError('validation_failed', 'If-Match must be the case version, e.g. "3".', [
      { field: 'If-Match', message: 'Not a version.' },
    ]);
  return Number(match[1]);
}

export async function caseResponse(ctx: AppContext, viewer: CaseViewer, c: Case, reply: FastifyReply) {
  const [type, followed] = await Promise.all([
    caseTypeOf(ctx, c),
    isFollowing(ctx.db, c.tenantId, viewer.actor.userId, c.id),
  ]);
  reply.header('etag', `"${c.version}"`);
  return presentCase(c, { viewer, type, followed, now: ctx.clock.now() });
}

function presentTrackEntry(entry: TrackEntry): z.infer<typeof trackEntrySchema> {
  return {
    id: entry.id,
    kind: entry.kind,
    actorId: entry.actorId,
    at: entry.at,
    ...(entry.remark !== null ? { remark: entry.remark } : {}),
    ...(entry.changes !== null && Object.keys(entry.changes).length > 0 ? { changes: entry.changes } : {}),
    ...(entry.body !== null ? { body: entry.body } : {}),
  };
}

const OPERATION_ERRORS: readonly ErrorCode[] = ['version_conflict', 'case_invalid_transition', 'forbidden'];

type RemarkOperation = (
  ctx: AppContext,
  viewer: CaseViewer,
  c: Case,
  input: { ifMatch: number | null; remark?: string | undefined },
) => Promise<Case>;

function remarkOperation(
  name: string,
  summary: string,
  run: RemarkOperation,
  errors: readonly ErrorCode[] = [],
): RouteDefinition {
  return route({
    method: 'POST',
    path: `/api/v1/cases/:id/${name}`,
    operationId: `${name}Case`,
    summary,
    tags: ['cases'],
    policy: { access: 'signedIn' },
    params: idParams,
    body: remarkBody,
    load: loadCase,
    response: { status: 200, schema: caseSchema },
    errors: [...OPERATION_ERRORS, ...errors],
    async handle({ ctx, loaded, body, request, reply }) {
      const updated = await run(ctx, loaded.viewer, loaded.case, {
        ifMatch: ifMatchOf(request),
        remark: body.remark,
      });
      return caseResponse(ctx, loaded.viewer, updated, reply);
    },
  });
}

function followRoute(name: 'follow' | 'unfollow'): RouteDefinition {
  return route({
    method: 'POST',
    path: `/api/v1/cases/:id/${name}`,
    operationId: `${name}Case`,
    summary: name === 'follow' ? 'Follow the case (feeds the Followed view)' : 'Stop following the case',
    tags: ['cases'],
    policy: { access: 'signedIn' },
    params: idParams,
    load: loadCase,
    response: { status: 200, schema: caseSchema },
    errors: ['forbidden'],
    async handle({ ctx, loaded, reply }) {
      await setCaseFollowed(ctx, loaded.viewer, loaded.case, name === 'follow');
      return caseResponse(ctx, loaded.viewer, loaded.case, reply);
    },
  });
}

async function listQueryFor(viewer: CaseViewer, query: CaseListQuery): Promise<CaseListQuery> {
  if (query.view === 'all' && !hasPermission(viewer.actor, 'case.queryAll'))
    throw forbidden('The All view needs the case.queryAll permission.');
  return Promise.resolve(query);
}

export const caseRoutes: RouteDefinition[] = [
  route({
    method: 'POST',
    path: '/api/v1/cases',
    operationId: 'createCase',
    summary: 'Create a case (with an existing customer or a new one inline)',
    tags: ['cases'],
    policy: { access: 'signedIn' },
    body: createCaseBody,
    response: { status: 201, schema: caseSchema },
    errors: ['assignment_not_configured'],
    idempotent: true,
    async handle({ ctx, actor, body, reply }) {
      const viewer = await caseViewerOf(ctx.db, actor);
      const created = await createCase(ctx, viewer, body);
      reply.header('location', `/api/v1/cases/${created.id}`);
      return caseResponse(ctx, viewer, created, reply);
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/cases',
    operationId: 'listCases',
    summary: 'Workbench: the cases of a view, filtered, searched, sorted and paged by cursor',
    tags: ['cases'],
    policy: { access: 'signedIn' },
    query: caseListQuery,
    response: { status: 200, schema: listOf(caseListItemSchema) },
    errors: ['forbidden'],
    async handle({ ctx, actor, query }) {
      const viewer = await caseViewerOf(ctx.db, actor);
      const now = ctx.clock.now();
      const page = await pageCases(ctx.db, viewer, await listQueryFor(viewer, query), now);
      const followed = await followedAmong(
        ctx.db,
        actor.tenantId,
        actor.userId,
        page.items.map((c) => c.id),
      );
      const names = await customerNamesOf(
        ctx.db,
        actor.tenantId,
        page.items.map((c) => c.customerId),
      );
      return {
        items: page.items.map((c) =>
          presentCaseListItem(c, followed.has(c.id), now, names.get(c.customerId) ?? null),
        ),
        nextCursor: page.nextCursor,
        total: page.total,
        ...(page.totalCapped ? { totalCapped: true } : {}),
      };
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/cases/counts',
    operationId: 'countCases',
    summary: 'How many cases each workbench view holds for the caller',
    tags: ['cases'],
    policy: { access: 'signedIn' },
    response: { status: 200, schema: caseCountsSchema },
    async handle({ ctx, actor }) {
      const viewer = await caseViewerOf(ctx.db, actor);
      const now = ctx.clock.now();
      const counts = await Promise.all(
        VIEWS.map(async (view) => {
          if (view === 'all' && !hasPermission(actor, 'case.queryAll')) return null;
          return (await cappedCount(ctx.db, casesOfView(ctx.db, viewer, view, null, now))).total;
        }),
      );
      const [todo, followed, created, processed, all] = counts;
      return {
        todo: todo ?? 0,
        followed: followed ?? 0,
        created: created ?? 0,
        processed: processed ?? 0,
        all: all ?? null,
      };
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/cases/:id',
    operationId: 'getCase',
    summary: 'One case with every field and what the caller may do to it',
    tags: ['cases'],
    policy: { access: 'signedIn' },
    params: idParams,
    load: loadCase,
    response: { status: 200, schema: caseSchema },
    handle: ({ ctx, loaded, reply }) => caseResponse(ctx, loaded.viewer, loaded.case, reply),
  }),
  route({
    method: 'PATCH',
    path: '/api/v1/cases/:id',
    operationId: 'editCase',
    summary: 'Edit title, description, due time, customer, contact phone or custom fields (If-Match)',
    tags: ['cases'],
    policy: { access: 'signedIn' },
    params: idParams,
    body: editCaseBody,
    load: loadCase,
    response: { status: 200, schema: caseSchema },
    errors: OPERATION_ERRORS,
    async handle({ ctx, loaded, body, request, reply }) {
      const updated = await editCase(ctx, loaded.viewer, loaded.case, {
        ...body,
        ifMatch: ifMatchOf(request),
      });
      return caseResponse(ctx, loaded.viewer, updated, reply);
    },
  }),
  followRoute('follow'),
  followRoute('unfollow'),
  remarkOperation('upgrade', 'Raise the priority one step', upgradeCase, ['priority_at_limit']),
  remarkOperation('downgrade', 'Lower the priority one step', downgradeCase, ['priority_at_limit']),
  remarkOperation('suspend', 'Suspend an open case (the SLA clock stops)', suspendCase),
  remarkOperation(
    'resume',
    'Resume a suspended case, or a cancelled one to the state and status it had',
    resumeCase,
  ),
  remarkOperation('cancel', 'Cancel an open or suspended case', cancelCase),
  remarkOperation('close', 'Close an open case in the last status of its process', closeCase, [
    'case_not_in_last_status',
    'tasks_not_completed',
  ]),
  remarkOperation('restart', 'Reopen a closed case at the first status', restartCase),
  remarkOperation('claim', "Take an unclaimed case of one's queue", claimCase),
  route({
    method: 'POST',
    path: '/api/v1/cases/:id/transfer',
    operationId: 'transferCase',
    summary: 'Give the case to another agent or to a queue (remark required)',
    tags: ['cases'],
    policy: { access: 'signedIn' },
    params: idParams,
    body: transferBody,
    load: loadCase,
    response: { status: 200, schema: caseSchema },
    errors: OPERATION_ERRORS,
    async handle({ ctx, loaded, body, request, reply }) {
      const updated = await transferCase(ctx, loaded.viewer, loaded.case, {
        ...body,
        ifMatch: ifMatchOf(request),
      });
      return caseResponse(ctx, loaded.viewer, updated, reply);
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/cases/:id/status',
    operationId: 'moveCaseStatus',
    summary: 'Move an open case to another status of its process',
    tags: ['cases'],
    policy: { access: 'signedIn' },
    params: idParams,
    body: statusBody,
    load: loadCase,
    response: { status: 200, schema: caseSchema },
    errors: [...OPERATION_ERRORS, 'status_order_violation'],
    async handle({ ctx, loaded, body, request, reply }) {
      const updated = await moveCaseStatus(ctx, loaded.viewer, loaded.case, {
        ...body,
        ifMatch: ifMatchOf(request),
      });
      return caseResponse(ctx, loaded.viewer, updated, reply);
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/cases/:id/track',
    operationId: 'getCaseTrack',
    summary: "The case's history, oldest first: one entry per operation and per comment",
    tags: ['cases'],
    policy: { access: 'signedIn' },
    params: idParams,
    query: trackQuery,
    load: loadCase,
    response: { status: 200, schema: listOf(trackEntrySchema) },
    async handle({ ctx, loaded, query }) {
      let after: { at: string; id: string } | undefined;
      if (query.cursor) {
        const [at, id] = decodeCursor(query.cursor, 2);
        if (typeof at !== 'string' || typeof id !== 'string')
          throw new AppError('validation_failed', 'The cursor is not valid.', [
            { field: 'cursor', message: 'Not a cursor from this list.' },
          ]);
        after = { at, id };
      }
      const entries = await listTrack(ctx.db, loaded.case.tenantId, loaded.case.id, {
        limit: query.limit + 1,
        after,
      });
      const items = entries.slice(0, query.limit);
      const last = items.at(-1);
      return {
        items: items.map(presentTrackEntry),
        nextCursor: entries.length > query.limit && last ? encodeCursor([last.at, last.id]) : null,
        total: await countTrack(ctx.db, loaded.case.tenantId, loaded.case.id),
      };
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/cases/:id/comments',
    operationId: 'commentOnCase',
    summary: 'Comment on the case track',
    tags: ['cases'],
    policy: { access: 'signedIn' },
    params: idParams,
    body: commentBody,
    load: loadCase,
    response: { status: 201, schema: trackEntrySchema },
    errors: ['case_invalid_transition', 'forbidden'],
    idempotent: true,
    handle: async ({ ctx, loaded, body }) =>
      presentTrackEntry(await commentOnCase(ctx, loaded.viewer, loaded.case, body.body)),
  }),
  route({
    method: 'GET',
    path: '/api/v1/customers/:id/cases',
    operationId: 'listCustomerCases',
    summary: "The customer's cases that the caller may see, newest first (excludeCaseId leaves one out)",
    tags: ['customers'],
    policy: { access: 'signedIn' },
    params: idParams,
    query: historicalCasesQuery,
    async load(ctx, actor, params) {
      const customer = await findVisibleCustomer(ctx.db, actor, params.id ?? '');
      if (!customer) throw notFound('The customer');
      return customer;
    },
    response: { status: 200, schema: listOf(caseListItemSchema) },
    async handle({ ctx, actor, loaded, query }) {
      const viewer = await caseViewerOf(ctx.db, actor);
      const now = ctx.clock.now();
      const page = await pageCases(
        ctx.db,
        viewer,
        {
          ...caseListQuery.parse({}),
          view: 'all',
          customerId: [loaded.id],
          sort: '-createdAt',
          limit: query.limit,
          cursor: query.cursor,
        },
        now,
        { excludeCaseId: query.excludeCaseId },
      );
      const followed = await followedAmong(
        ctx.db,
        actor.tenantId,
        actor.userId,
        page.items.map((c) => c.id),
      );
      return {
        items: page.items.map((c) => presentCaseListItem(c, followed.has(c.id), now, loaded.name)),
        nextCursor: page.nextCursor,
        total: page.total,
      };
    },
  }),
];
