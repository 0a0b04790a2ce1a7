import type { CaseState } from '../../../../contract/cases.js';
import type { Case } from '../../cases/case.js';
import { allowedInState } from '../../cases/transitions.js';
import { appendTrack } from '../../cases/track.repository.js';
import type { Actor, AppContext } from '../../context.js';
import { AppError, forbidden, notFound } from '../../shared/errors.js';
import type { Attachment } from '../attachment.js';
import { deleteAttachmentRow, lockCaseState } from '../attachments.repository.js';
import { releaseBudget } from '../budget.js';
import { attachmentStore } from '../storage.js';

function assertRemovableIn(state: CaseState): void {
  // Adding and removing follow the same rule (SPEC §13 "Writes by state": open and suspended).
  if (!allowedInState('attach', state))
    throw new AppError('case_invalid_transition', `Attachments of a ${state} case cannot be removed.`);
}

/**
 * Removes an attachment (SPEC §13): its uploader, the case's owner or a tenant administrator may
 * (403 for anyone else who can see it; the route has already made it 404 for those who cannot),
 * while the case is open or suspended (409). One transaction deletes the row, gives the budget
 * back, deletes content kept in the database and, for case and task attachments, appends
 * `attachment.removed` to the track; a file on disk is deleted after the commit, so a failed
 * transaction never leaves a row without its file.
 */
export async function removeAttachment(
  ctx: AppContext,
  actor: Actor,
  c: Case,
  attachment: Attachment,
): Promise<void> {
  const mayRemove = actor.tenantAdmin || attachment.uploaderId === actor.userId || c.ownerId === actor.userId;
  if (!mayRemove)
    throw forbidden(
      "Only the uploader, the case's owner or a tenant administrator may remove an attachment.",
    );
  assertRemovableIn(c.state);

  const store = attachmentStore(ctx.config, attachment.storage);
  const { owner } = attachment;
  const caseVersion = await ctx.db.transaction().execute(async (trx) => {
    const locked = await lockCaseState(trx, ctx.dialect, owner.tenantId, owner.caseId);
    if (!locked) throw notFound('The case');
    assertRemovableIn(locked.state);
    if (!(await deleteAttachmentRow(trx, attachment.tenantId, attachment.id)))
      throw notFound('The attachment');
    await releaseBudget(trx, owner, attachment.size);
    await store.remove(trx, attachment.tenantId, attachment.storageKey);
    if (owner.kind !== 'record') {
      await appendTrack(trx, owner.tenantId, {
        caseId: owner.caseId,
        kind: 'attachment.removed',
        actorId: actor.userId,
        at: ctx.clock.now().toISOString(),
        remark: null,
        changes: null,
        body: attachment.name,
      });
    }
    return locked.version;
  });
  try {
    await store.removeAfterCommit(attachment.tenantId, attachment.storageKey);
  } catch (error) {
    // The attachment is gone for everyone; an orphaned file only costs disk space, so say so and go on.
    ctx.logger.error(
      { err: error, storageKey: attachment.storageKey },
      'could not delete the file of a removed attachment',
    );
  }
  if (owner.kind !== 'record') {
    ctx.events.publish({
      tenantId: owner.tenantId,
      caseId: owner.caseId,
      version: caseVersion,
      kind: 'updated',
    });
  }
}
