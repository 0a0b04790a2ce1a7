import type { Readable } from 'node:stream';
import { ATTACHMENT_LIMITS } from '../../../../contract/details.js';
import { newId } from '../../../lib/ids.js';
import { allowedInState } from '../../cases/transitions.js';
import { appendTrack } from '../../cases/track.repository.js';
import type { Actor, AppContext } from '../../context.js';
import { AppError, notFound } from '../../shared/errors.js';
import type { Attachment, AttachmentOwner } from '../attachment.js';
import { insertAttachment, lockCaseState } from '../attachments.repository.js';
import { budgetUsage, reserveBudget } from '../budget.js';
import { cleanFileName } from '../file-name.js';
import { sniffContentType } from '../sniff.js';
import { attachmentStore, newStorageKey } from '../storage.js';

const MIB = 1024 * 1024;

export function tooLarge(): AppError {
  return new AppError(
    'attachment_too_large',
    `A file may have at most ${ATTACHMENT_LIMITS.maxBytes / MIB} MB (${ATTACHMENT_LIMITS.maxBytes} bytes).`,
  );
}

/**
 * Reads an upload into memory, at most `ATTACHMENT_LIMITS.maxBytes`: the first byte past the limit
 * ends the read at once with 413 (breaking out of the loop destroys the stream, so nothing more is
 * read from the client). A stream that fails part-way (the client went away, the body was cut off)
 * rejects, and nothing of it is kept.
 */
async function readBounded(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer | Uint8Array | string>) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += bytes.length;
    if (size > ATTACHMENT_LIMITS.maxBytes) throw tooLarge();
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, size);
}

function limitExceeded(usage: { files: number; bytes: number }, size: number): AppError {
  if (usage.files >= ATTACHMENT_LIMITS.maxFiles) {
    return new AppError(
      'attachment_limit_exceeded',
      `There are already ${ATTACHMENT_LIMITS.maxFiles} files attached; remove one first.`,
    );
  }
  return new AppError(
    'attachment_limit_exceeded',
    `This file (${size} bytes) would take the attachments past ${ATTACHMENT_LIMITS.maxBytes / MIB} MB in total (${usage.bytes} bytes are used).`,
  );
}

/**
 * Attaches one uploaded file to a case, a task or an internal record (SPEC §6, §13). The caller has
 * already decided that the actor may attach to this owner and found the owner (the routes do that
 * before the body is read); this reads the body and stores it:
 *
 * 1. the stream is read with a bound: past 5 MiB it is 413 `attachment_too_large` at once;
 * 2. the content type is recognised from the bytes and must agree with the cleaned name (415);
 * 3. one transaction re-checks the case's state (409 `case_invalid_transition`; a case may have
 *    been closed while the file was arriving), reserves the owner's budget (422
 *    `attachment_limit_exceeded`), inserts the row, stores the content (database store) and, for
 *    case and task attachments, appends `attachment.added` to the case track — internal records
 *    never appear on the track. The file store writes its file before the transaction (disk I/O
 *    should not hold a write transaction open) and deletes it again when the transaction fails.
 *
 * Any refusal or failure leaves nothing behind: no row, no budget, no content.
 */
export async function addAttachment(
  ctx: AppContext,
  actor: Actor,
  owner: AttachmentOwner,
  upload: { filename: string; stream: Readable },
): Promise<Attachment> {
  const bytes = await readBounded(upload.stream);
  const name = cleanFileName(upload.filename);
  const contentType = await sniffContentType(bytes, name);
  const store = attachmentStore(ctx.config, ctx.config.attachmentStore);
  const attachment: Attachment = {
    tenantId: owner.tenantId,
    id: newId(),
    owner,
    name,
    size: bytes.length,
    contentType,
    storage: store.kind,
    storageKey: newStorageKey(),
    uploaderId: actor.userId,
    createdAt: ctx.clock.now().toISOString(),
  };

  await store.stage(attachment.tenantId, attachment.storageKey, bytes);
  let caseVersion: number;
  try {
    caseVersion = await ctx.db.transaction().execute(async (trx) => {
      const c = await lockCaseState(trx, ctx.dialect, owner.tenantId, owner.caseId);
      if (!c) throw notFound('The case');
      if (!allowedInState('attach', c.state))
        throw new AppError('case_invalid_transition', `A ${c.state} case cannot be given attachments.`);
      if (!(await reserveBudget(trx, owner, attachment.size)))
        throw limitExceeded(await budgetUsage(trx, owner), attachment.size);
      await insertAttachment(trx, attachment);
      await store.save(trx, attachment.tenantId, attachment.storageKey, bytes);
      if (owner.kind !== 'record') {
        await appendTrack(trx, owner.tenantId, {
          caseId: owner.caseId,
          kind: 'attachment.added',
          actorId: actor.userId,
          at: attachment.createdAt,
          remark: null,
          changes: null,
          body: attachment.name,
        });
      }
      return c.version;
    });
  } catch (error) {
    try {
      await store.discard(attachment.tenantId, attachment.storageKey);
    } catch (discardError) {
      ctx.logger.error(
        { err: discardError, storageKey: attachment.storageKey },
        'could not delete the file of a refused upload',
      );
    }
    throw error;
  }
  // Attachments do not change the case's version (SPEC §13), but the details page shows them, so
  // viewers hear of it; an internal record's attachment is told to nobody (it is not theirs to see).
  if (owner.kind !== 'record') {
    ctx.events.publish({
      tenantId: owner.tenantId,
      caseId: owner.caseId,
      version: caseVersion,
      kind: 'updated',
    });
  }
  return attachment;
}
