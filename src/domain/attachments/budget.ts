import { ATTACHMENT_LIMITS } from '../../../contract/details.js';
import type { Tx } from '../../db/connection.js';
import type { AttachmentOwner } from './attachment.js';

const ownerKey = (owner: AttachmentOwner) => ({
  tenant_id: owner.tenantId,
  owner_kind: owner.kind,
  owner_id: owner.id,
});

/**
 * Takes one file of `size` bytes from the owner's budget (5 files, 5 MiB; SPEC §13), or reports
 * that it does not fit. The check and the change are ONE conditional UPDATE, so two uploads at the
 * same moment cannot both pass a check made before either wrote: on PostgreSQL the second waits for
 * the first's row lock and then re-evaluates the condition on the committed row; SQLite runs one
 * write transaction at a time. The row is made first when missing (`ON CONFLICT DO NOTHING`, so a
 * concurrent creator is no error). Must run in the transaction that adds the attachment, so that a
 * later failure gives the reservation back.
 */
export async function reserveBudget(trx: Tx, owner: AttachmentOwner, size: number): Promise<boolean> {
  await trx
    .insertInto('attachment_budgets')
    .values({ ...ownerKey(owner), files: 0, bytes: 0 })
    .onConflict((oc) => oc.columns(['tenant_id', 'owner_kind', 'owner_id']).doNothing())
    .execute();
  const result = await trx
    .updateTable('attachment_budgets')
    .set((eb) => ({ files: eb('files', '+', 1), bytes: eb('bytes', '+', size) }))
    .where('tenant_id', '=', owner.tenantId)
    .where('owner_kind', '=', owner.kind)
    .where('owner_id', '=', owner.id)
    .where('files', '<', ATTACHMENT_LIMITS.maxFiles)
    .where((eb) => eb(eb('bytes', '+', size), '<=', ATTACHMENT_LIMITS.maxBytes))
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** What the owner has used, for explaining a refusal. */
export async function budgetUsage(
  trx: Tx,
  owner: AttachmentOwner,
): Promise<{ files: number; bytes: number }> {
  const row = await trx
    .selectFrom('attachment_budgets')
    .select(['files', 'bytes'])
    .where('tenant_id', '=', owner.tenantId)
    .where('owner_kind', '=', owner.kind)
    .where('owner_id', '=', owner.id)
    .executeTakeFirst();
  return row ?? { files: 0, bytes: 0 };
}

/**
 * Gives a removed file's share back. The row stays (at zero, if it comes to that): it is what
 * concurrent reservations lock on, and deleting it would bring back the race of creating it.
 */
export async function releaseBudget(trx: Tx, owner: AttachmentOwner, size: number): Promise<void> {
  await trx
    .updateTable('attachment_budgets')
    .set((eb) => ({ files: eb('files', '-', 1), bytes: eb('bytes', '-', size) }))
    .where('tenant_id', '=', owner.tenantId)
    .where('owner_kind', '=', owner.kind)
    .where('owner_id', '=', owner.id)
    .execute();
}
