import type { FastifyReply } from 'fastify';
import { idParams, listOf } from '../../../contract/common.js';
import { attachmentSchema } from '../../../contract/details.js';
import type { ErrorCode } from '../../../contract/errors.js';
import type { Attachment } from '../../domain/attachments/attachment.js';
import { presentAttachment } from '../../domain/attachments/attachment.presenter.js';
import { findAttachment, listAttachments } from '../../domain/attachments/attachments.repository.js';
import { addAttachment } from '../../domain/attachments/commands/add-attachment.js';
import { removeAttachment } from '../../domain/attachments/commands/remove-attachment.js';
import { attachmentStore } from '../../domain/attachments/storage.js';
import type { Case } from '../../domain/cases/case.js';
import {
  assertAllowedInState,
  assertMayOperate,
  canViewCaseAt,
  caseViewerOf,
  type CaseViewer,
} from '../../domain/cases/case.policy.js';
import { findCase } from '../../domain/cases/cases.repository.js';
import type { Actor, AppContext } from '../../domain/context.js';
import { AppError, notFound } from '../../domain/shared/errors.js';
import { route, type RouteDefinition } from '../route.js';
import { assertMultipart, receiveUpload } from '../uploads.js';
import { loadCase } from './cases.routes.js';

/** Every refusal an upload can end in, beyond 401/404 and the 400 of the path. */
export const UPLOAD_ERRORS: readonly ErrorCode[] = [
  'validation_failed',
  'forbidden',
  'case_invalid_transition',
  'attachment_too_large',
  'attachment_type_not_allowed',
  'attachment_limit_exceeded',
];

interface LoadedAttachment {
  attachment: Attachment;
  case: Case;
}

/** The `viewInternalRecords` rule of the transition table (the case's owner, tenant administrators). */
function mayViewInternalRecords(viewer: CaseViewer, c: Case): boolean {
  try {
    assertMayOperate(viewer, c, 'viewInternalRecords');
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'forbidden') return false;
    throw error;
  }
}

/**
 * Finds an attachment the caller may see: one of a case (or of its tasks) they may view, or of an
 * internal record of a case whose records they may see. Anything else is 404, exactly like an id
 * that does not exist (an internal record's attachment must not even be confirmed to exist).
 */
async function loadAttachment(
  ctx: AppContext,
  actor: Actor,
  params: Record<string, string>,
): Promise<LoadedAttachment> {
  const attachment = await findAttachment(ctx.db, actor.tenantId, params.id ?? '');
  if (!attachment) throw notFound('The attachment');
  const [viewer, c] = await Promise.all([
    caseViewerOf(ctx.db, actor),
    findCase(ctx.db, actor.tenantId, attachment.owner.caseId),
  ]);
  if (!c || !(await canViewCaseAt(ctx.db, viewer, c))) throw notFound('The attachment');
  if (attachment.owner.kind === 'record' && !mayViewInternalRecords(viewer, c))
    throw notFound('The attachment');
  return { attachment, case: c };
}

/** RFC 6266 / 8187: `filename*` carries the exact UTF-8 name; `filename` an ASCII stand-in for old clients. */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

async function sendContent(ctx: AppContext, attachment: Attachment, reply: FastifyReply): Promise<void> {
  const store = attachmentStore(ctx.config, attachment.storage);
  const content = await store.read(ctx.db, attachment.tenantId, attachment.storageKey);
  if (content === null) {
    throw new Error(`The content of attachment ${attachment.id} (${attachment.storage}) is missing`);
  }
  // Served only as a download, never rendered (SPEC §6): the type we recognised, no sniffing by the
  // browser, and a sandboxing policy in case something opens it in place anyway.
  await reply
    .code(200)
    .header('content-type', attachment.contentType)
    .header('content-length', String(attachment.size))
    .header('content-disposition', contentDisposition(attachment.name))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(content);
}

export const attachmentRoutes: RouteDefinition[] = [
  route({
    method: 'GET',
    path: '/api/v1/cases/:id/attachments',
    operationId: 'listCaseAttachments',
    summary: "The case's own attachments, oldest first (not those of its tasks or internal records)",
    tags: ['attachments'],
    policy: { access: 'signedIn' },
    params: idParams,
    load: loadCase,
    response: { status: 200, schema: listOf(attachmentSchema) },
    async handle({ ctx, loaded }) {
      const items = await listAttachments(ctx.db, loaded.case.tenantId, { kind: 'case', id: loaded.case.id });
      return { items: items.map(presentAttachment), nextCursor: null, total: items.length };
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/cases/:id/attachments',
    operationId: 'addCaseAttachment',
    summary: 'Attach one file to the case (multipart/form-data, field "file")',
    description:
      'The body is `multipart/form-data` with the file in the field `file`. At most 5 files and 5 MiB ' +
      '(5,242,880 bytes) per case; JPG, JPEG, PNG, GIF, PDF, DOC and DOCX, recognised from the content, ' +
      "which must agree with the name's extension. The name is stored cleaned (base name, no control " +
      'characters, at most 200 characters); the response shows it. Anyone who may view the case may ' +
      'attach while it is open or suspended.',
    tags: ['attachments'],
    policy: { access: 'signedIn' },
    params: idParams,
    load: loadCase,
    response: { status: 201, schema: attachmentSchema },
    errors: UPLOAD_ERRORS,
    upload: { field: 'file' },
    async handle({ ctx, actor, loaded, request }) {
      // SPEC §13's order, and all of it before a byte of the body is read: 400 (not multipart),
      // 403 (the attach rule), 409 (the case's state).
      assertMultipart(request);
      assertMayOperate(loaded.viewer, loaded.case, 'attach');
      assertAllowedInState(loaded.case, 'attach');
      const upload = await receiveUpload(request);
      const attachment = await addAttachment(
        ctx,
        actor,
        { tenantId: loaded.case.tenantId, kind: 'case', id: loaded.case.id, caseId: loaded.case.id },
        upload,
      );
      return presentAttachment(attachment);
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/attachments/:id/content',
    operationId: 'downloadAttachment',
    summary: 'Download an attachment (always as a download, never rendered inline)',
    tags: ['attachments'],
    policy: { access: 'signedIn' },
    params: idParams,
    load: loadAttachment,
    response: {
      status: 200,
      contentType: 'application/octet-stream',
      description:
        'The bytes, with the recognised Content-Type, Content-Disposition: attachment and X-Content-Type-Options: nosniff',
    },
    rawReply: true,
    handle: ({ ctx, loaded, reply }) => sendContent(ctx, loaded.attachment, reply),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/attachments/:id',
    operationId: 'removeAttachment',
    summary: "Remove an attachment (its uploader, the case's owner or a tenant administrator)",
    tags: ['attachments'],
    policy: { access: 'signedIn' },
    params: idParams,
    load: loadAttachment,
    response: { status: 204 },
    errors: ['forbidden', 'case_invalid_transition'],
    async handle({ ctx, actor, loaded }) {
      await removeAttachment(ctx, actor, loaded.case, loaded.attachment);
    },
  }),
];
