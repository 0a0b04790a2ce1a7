import { z } from 'zod';
import { caseListItemSchema, caseSchema } from '../../../contract/cases.js';
import { idParams, listOf } from '../../../contract/common.js';
import { customerSchema } from '../../../contract/customers.js';
import {
  attachmentSchema,
  contactRecordSchema,
  createContactRecordBody,
  createInternalRecordBody,
  evaluateBody,
  evaluationSchema,
  internalRecordSchema,
  mergeBody,
  publicEvaluationSchema,
} from '../../../contract/details.js';
import { pageCases } from '../../domain/cases/case-list.repository.js';
import { caseViewerOf } from '../../domain/cases/case.policy.js';
import { presentCaseListItem } from '../../domain/cases/case.presenter.js';
import { findCase, followedAmong } from '../../domain/cases/cases.repository.js';
import { mergeCases } from '../../domain/cases/commands/merge-cases.js';
import { assertNotExpired, mayReadContactRecord, windowStart } from '../../domain/contacts/contact-access.js';
import { presentContactRecord } from '../../domain/contacts/contact-record.presenter.js';
import { contactRecordsOfCase, findContactRecord } from '../../domain/contacts/contact-records.repository.js';
import { createContactRecord } from '../../domain/contacts/commands/create-contact-record.js';
import { presentCustomer } from '../../domain/customers/customer.presenter.js';
import { customerNamesOf, findCustomer } from '../../domain/customers/customers.repository.js';
import { evaluateCase } from '../../domain/evaluations/commands/evaluate-case.js';
import { resolveEvaluationLink } from '../../domain/evaluations/commands/resolve-evaluation-link.js';
import { evaluationLinkOf } from '../../domain/evaluations/evaluation-link.js';
import { evaluationsOfCase } from '../../domain/evaluations/evaluations.repository.js';
import { findTenantById } from '../../domain/org/tenants.repository.js';
import { addInternalRecord } from '../../domain/records/commands/add-internal-record.js';
import { assertMayUseInternalRecords } from '../../domain/records/internal-record.policy.js';
import type { InternalRecord } from '../../domain/records/internal-record.js';
import { findInternalRecord, listInternalRecords } from '../../domain/records/internal-records.repository.js';
import { presentAttachment } from '../../domain/attachments/attachment.presenter.js';
import { listAttachments } from '../../domain/attachments/attachments.repository.js';
import { addAttachment } from '../../domain/attachments/commands/add-attachment.js';
import { assertAllowedInState } from '../../domain/cases/case.policy.js';
import { assertMultipart, receiveUpload } from '../uploads.js';
import { UPLOAD_ERRORS } from './attachments.routes.js';
import { caseListQuery } from '../../../contract/cases.js';
import type { Case } from '../../domain/cases/case.js';
import type { Actor, AppContext } from '../../domain/context.js';
import { notFound } from '../../domain/shared/errors.js';
import { publicRoute, route, type RouteDefinition } from '../route.js';
import { caseResponse, ifMatchOf, loadCase } from './cases.routes.js';

const tokenParams = z.strictObject({ token: z.string().min(1).max(1000) });

function presentRecord(r: InternalRecord): z.infer<typeof internalRecordSchema> {
  return { id: r.id, caseId: r.caseId, body: r.body, authorId: r.authorId, createdAt: r.createdAt };
}

async function evaluationView(ctx: AppContext, c: Case): Promise<z.infer<typeof evaluationSchema>> {
  const rows = await evaluationsOfCase(ctx.db, c.tenantId, c.id);
  const current = c.state === 'closed' ? rows.find((r) => r.closing === c.reopenCount) : undefined;
  const now = ctx.clock.now();
  const link = current ? null : await evaluationLinkOf(ctx.db, c, ctx.config.publicUrl, now);
  return {
    evaluation: current
      ? {
          rating: current.rating,
          comment: current.comment,
          source: current.source,
          actorId: current.actor_id,
          createdAt: current.created_at,
        }
      : null,
    customerLink:
      link && new Date(link.expiresAt).getTime() > now.getTime()
        ? { url: link.url, expiresAt: link.expiresAt }
        : null,
    history: rows.map((r) => ({
      closing: r.closing,
      rating: r.rating,
      comment: r.comment,
      source: r.source,
      createdAt: r.created_at,
    })),
  };
}

/** An internal record, for the caller who may see its case and use its internal records (else 404 / 403). */
async function loadInternalRecord(ctx: AppContext, actor: Actor, params: Record<string, string>) {
  const record = await findInternalRecord(ctx.db, actor.tenantId, params.id ?? '');
  if (!record) throw notFound('The internal record');
  const loaded = await loadCase(ctx, actor, { id: record.caseId });
  return { record, ...loaded };
}

export const detailRoutes: RouteDefinition[] = [
  route({
    method: 'GET',
    path: '/api/v1/internal-records/:id/attachments',
    operationId: 'listInternalRecordAttachments',
    summary: "An internal record's own attachments (same readers as the record)",
    tags: ['attachments'],
    policy: { access: 'signedIn' },
    params: idParams,
    load: loadInternalRecord,
    response: { status: 200, schema: listOf(attachmentSchema) },
    errors: ['forbidden'],
    async handle({ ctx, loaded }) {
      assertMayUseInternalRecords(loaded.viewer, loaded.case);
      const items = await listAttachments(ctx.db, loaded.record.tenantId, {
        kind: 'record',
        id: loaded.record.id,
      });
      return { items: items.map(presentAttachment), nextCursor: null, total: items.length };
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/internal-records/:id/attachments',
    operationId: 'addInternalRecordAttachment',
    summary:
      'Attach a file (an image, say) to an internal record (multipart/form-data, field "file"; 5 files, 5 MiB per record)',
    tags: ['attachments'],
    policy: { access: 'signedIn' },
    params: idParams,
    load: loadInternalRecord,
    response: { status: 201, schema: attachmentSchema },
    errors: UPLOAD_ERRORS,
    upload: { field: 'file' },
    async handle({ ctx, actor, loaded, request }) {
      // All refusals before a byte of the body is read (SPEC §13).
      assertMultipart(request);
      assertMayUseInternalRecords(loaded.viewer, loaded.case);
      assertAllowedInState(loaded.case, 'attach');
      const upload = await receiveUpload(request);
      const owner = {
        tenantId: loaded.record.tenantId,
        kind: 'record' as const,
        id: loaded.record.id,
        caseId: loaded.record.caseId,
      };
      return presentAttachment(await addAttachment(ctx, actor, owner, upload));
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/cases/:id/merge',
    operationId: 'mergeCases',
    summary: 'Merge other cases of the same customer into this one (at most 10)',
    tags: ['cases'],
    policy: { access: 'signedIn' },
    params: idParams,
    body: mergeBody,
    load: loadCase,
    response: { status: 200, schema: caseSchema },
    errors: ['forbidden', 'version_conflict', 'merge_not_allowed'],
    async handle({ ctx, loaded, body, request, reply }) {
      const { main } = await mergeCases(ctx, loaded.viewer, loaded.case, {
        ...body,
        ifMatch: ifMatchOf(request),
      });
      return caseResponse(ctx, loaded.viewer, main, reply);
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/cases/:id/associated',
    operationId: 'getAssociatedCases',
    summary: 'The case this one was merged into, and the cases merged into it',
    tags: ['cases'],
    policy: { access: 'signedIn' },
    params: idParams,
    load: loadCase,
    response: {
      status: 200,
      schema: z.object({ mainCase: caseListItemSchema.nullable(), mergedCases: z.array(caseListItemSchema) }),
    },
    async handle({ ctx, loaded }) {
      const c = loaded.case;
      const now = ctx.clock.now();
      const main = c.mergedIntoId ? await findCase(ctx.db, c.tenantId, c.mergedIntoId) : undefined;
      const rows = await ctx.db
        .selectFrom('cases')
        .select('id')
        .where('tenant_id', '=', c.tenantId)
        .where('merged_into_id', '=', c.id)
        .orderBy('case_no')
        .execute();
      const merged: Case[] = [];
      for (const row of rows) {
        const m = await findCase(ctx.db, c.tenantId, row.id);
        if (m) merged.push(m);
      }
      const followed = await followedAmong(ctx.db, c.tenantId, loaded.viewer.actor.userId, [
        ...merged.map((m) => m.id),
        ...(main ? [main.id] : []),
      ]);
      const names = await customerNamesOf(ctx.db, c.tenantId, [
        ...merged.map((m) => m.customerId),
        ...(main ? [main.customerId] : []),
      ]);
      const item = (one: Case) =>
        presentCaseListItem(one, followed.has(one.id), now, names.get(one.customerId) ?? null);
      return {
        mainCase: main ? item(main) : null,
        mergedCases: merged.map(item),
      };
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/cases/:id/customer',
    operationId: 'getCaseCustomer',
    summary:
      "The right panel: the case's customer and their other cases (newest first, those the caller may see)",
    tags: ['cases'],
    policy: { access: 'signedIn' },
    params: idParams,
    load: loadCase,
    response: {
      status: 200,
      schema: z.object({
        customer: customerSchema,
        historicalCases: z.array(caseListItemSchema),
        historicalTotal: z.number().int(),
      }),
    },
    errors: ['not_found'],
    async handle({ ctx, loaded }) {
      const c = loaded.case;
      const customer = await findCustomer(ctx.db, c.tenantId, c.customerId);
      if (!customer) throw notFound('The customer');
      const now = ctx.clock.now();
      const page = await pageCases(
        ctx.db,
        loaded.viewer,
        { ...caseListQuery.parse({}), view: 'all', customerId: [customer.id], sort: '-createdAt', limit: 10 },
        now,
        {
          excludeCaseId: c.id,
        },
      );
      const followed = await followedAmong(
        ctx.db,
        c.tenantId,
        loaded.viewer.actor.userId,
        page.items.map((i) => i.id),
      );
      return {
        customer: presentCustomer(customer),
        historicalCases: page.items.map((i) =>
          presentCaseListItem(i, followed.has(i.id), now, customer.name),
        ),
        historicalTotal: page.total,
      };
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/cases/:id/internal-records',
    operationId: 'listInternalRecords',
    summary: "The case's internal records (its current owner and tenant administrators only)",
    tags: ['cases'],
    policy: { access: 'signedIn' },
    params: idParams,
    load: loadCase,
    response: {
      status: 200,
      schema: z.object({
        items: z.array(internalRecordSchema),
        nextCursor: z.null(),
        total: z.number().int(),
      }),
    },
    errors: ['forbidden'],
    async handle({ ctx, loaded }) {
      assertMayUseInternalRecords(loaded.viewer, loaded.case);
      const items = (await listInternalRecords(ctx.db, loaded.case.tenantId, loaded.case.id)).map(
        presentRecord,
      );
      return { items, nextCursor: null, total: items.length };
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/cases/:id/internal-records',
    operationId: 'addInternalRecord',
    summary: 'Add an internal record (its current owner and tenant administrators only)',
    tags: ['cases'],
    policy: { access: 'signedIn' },
    params: idParams,
    body: createInternalRecordBody,
    load: loadCase,
    response: { status: 201, schema: internalRecordSchema },
    errors: ['forbidden', 'case_invalid_transition'],
    idempotent: true,
    handle: async ({ ctx, loaded, body }) =>
      presentRecord(await addInternalRecord(ctx, loaded.viewer, loaded.case, body.body)),
  }),
  route({
    method: 'POST',
    path: '/api/v1/contact-records',
    operationId: 'createContactRecord',
    summary: 'Record a call, video session or chat (integrations and users of the tenant)',
    tags: ['contact records'],
    policy: { access: 'signedIn' },
    body: createContactRecordBody,
    response: { status: 201, schema: contactRecordSchema },
    idempotent: true,
    handle: async ({ ctx, actor, body }) => presentContactRecord(await createContactRecord(ctx, actor, body)),
  }),
  route({
    method: 'GET',
    path: '/api/v1/contact-records/:id',
    operationId: 'getContactRecord',
    summary: 'One contact record; past 7 days after its start it is 410 contact_record_expired',
    tags: ['contact records'],
    policy: { access: 'signedIn' },
    params: idParams,
    async load(ctx, actor, params) {
      const record = await findContactRecord(ctx.db, actor.tenantId, params.id ?? '');
      if (!record || !(await mayReadContactRecord(ctx.db, await caseViewerOf(ctx.db, actor), record)))
        throw notFound('The contact record');
      return record;
    },
    response: { status: 200, schema: contactRecordSchema },
    errors: ['contact_record_expired'],
    handle({ ctx, loaded }) {
      assertNotExpired(loaded, ctx.clock.now());
      return Promise.resolve(presentContactRecord(loaded));
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/cases/:id/contact-records',
    operationId: 'listCaseContactRecords',
    summary: 'The contact records of the case (its InteractionId) and of its customer from the last 7 days',
    tags: ['contact records'],
    policy: { access: 'signedIn' },
    params: idParams,
    load: loadCase,
    response: {
      status: 200,
      schema: z.object({
        items: z.array(contactRecordSchema),
        nextCursor: z.null(),
        total: z.number().int(),
      }),
    },
    async handle({ ctx, loaded }) {
      const c = loaded.case;
      const records = await contactRecordsOfCase(
        ctx.db,
        c.tenantId,
        { interactionId: c.interactionId, customerId: c.customerId },
        windowStart(ctx.clock.now()),
      );
      return { items: records.map(presentContactRecord), nextCursor: null, total: records.length };
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/cases/:id/evaluation',
    operationId: 'getCaseEvaluation',
    summary:
      "The evaluation of the case's current closing, the customer's link while valid, and earlier evaluations",
    tags: ['evaluation'],
    policy: { access: 'signedIn' },
    params: idParams,
    load: loadCase,
    response: { status: 200, schema: evaluationSchema },
    handle: ({ ctx, loaded }) => evaluationView(ctx, loaded.case),
  }),
  route({
    method: 'PUT',
    path: '/api/v1/cases/:id/evaluation',
    operationId: 'evaluateCase',
    summary: "Enter the evaluation of a closed case on the customer's behalf (once per closing)",
    tags: ['evaluation'],
    policy: { access: 'signedIn' },
    params: idParams,
    body: evaluateBody,
    load: loadCase,
    response: { status: 200, schema: evaluationSchema },
    errors: ['case_invalid_transition', 'evaluation_exists'],
    async handle({ ctx, loaded, body }) {
      await evaluateCase(ctx, loaded.case, body, { source: 'agent', actorId: loaded.viewer.actor.userId });
      return evaluationView(ctx, loaded.case);
    },
  }),
  publicRoute({
    method: 'GET',
    path: '/api/v1/public/evaluations/:token',
    operationId: 'getPublicEvaluation',
    summary: "The case a customer's evaluation link is for (no sign-in)",
    tags: ['evaluation'],
    policy: { access: 'public' },
    params: tokenParams,
    response: { status: 200, schema: publicEvaluationSchema },
    errors: ['not_found', 'evaluation_link_expired', 'evaluation_exists'],
    async handle({ ctx, params }) {
      const c = await resolveEvaluationLink(ctx, params.token);
      const tenant = await findTenantById(ctx.db, c.tenantId);
      return { caseNo: c.caseNo, title: c.title, tenantName: tenant?.name ?? '' };
    },
  }),
  publicRoute({
    method: 'POST',
    path: '/api/v1/public/evaluations/:token',
    operationId: 'submitPublicEvaluation',
    summary: 'The customer evaluates the case through the signed link (no sign-in)',
    tags: ['evaluation'],
    policy: { access: 'public' },
    params: tokenParams,
    body: evaluateBody,
    response: { status: 200, schema: z.object({ rating: z.number().int(), comment: z.string().nullable() }) },
    errors: ['not_found', 'evaluation_link_expired', 'evaluation_exists', 'case_invalid_transition'],
    async handle({ ctx, params, body }) {
      const c = await resolveEvaluationLink(ctx, params.token);
      const row = await evaluateCase(ctx, c, body, { source: 'customer' });
      return { rating: row.rating, comment: row.comment };
    },
  }),
];
