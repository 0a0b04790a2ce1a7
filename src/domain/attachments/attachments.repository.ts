import type { CaseState } from '../../../contract/cases.js';
import type { DialectName, Executor, Tx } from '../../db/connection.js';
import type { AttachmentOwnerKind, AttachmentsTable } from '../../db/schema.js';
import type { Attachment } from './attachment.js';

function toAttachment(row: AttachmentsTable): Attachment {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    owner: { tenantId: row.tenant_id, kind: row.owner_kind, id: row.owner_id, caseId: row.case_id },
    name: row.name,
    size: row.size,
    contentType: row.mime,
    storage: row.storage,
    storageKey: row.storage_key,
    uploaderId: row.uploader_id,
    createdAt: row.created_at,
  };
}

export async function insertAttachment(db: Executor, a: Attachment): Promise<void> {
  await db
    .insertInto('attachments')
    .values({
      tenant_id: a.tenantId,
      id: a.id,
      owner_kind: a.owner.kind,
      owner_id: a.owner.id,
      case_id: a.owner.caseId,
      name: a.name,
      size: a.size,
      mime: a.contentType,
      storage: a.storage,
      storage_key: a.storageKey,
      uploader_id: a.uploaderId,
      created_at: a.createdAt,
    })
    .execute();
}

export async function findAttachment(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<Attachment | undefined> {
  const row = await db
    .selectFrom('attachments')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toAttachment(row) : undefined;
}

/** One owner's attachments, oldest first (at most five, so no paging). */
export async function listAttachments(
  db: Executor,
  tenantId: string,
  owner: { kind: AttachmentOwnerKind; id: string },
): Promise<Attachment[]> {
  const rows = await db
    .selectFrom('attachments')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('owner_kind', '=', owner.kind)
    .where('owner_id', '=', owner.id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toAttachment);
}

/** Deletes the row; false when it was gone already (removed by a concurrent request). */
export async function deleteAttachmentRow(db: Executor, tenantId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('attachments')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/**
 * The case's state (and version, for live updates), read inside a write transaction. On PostgreSQL the row is share-locked, so a
 * concurrent close or merge either commits first (and is seen here) or waits until the attachment
 * is in; SQLite runs one write transaction at a time, which gives the same guarantee.
 */
export async function lockCaseState(
  trx: Tx,
  dialect: DialectName,
  tenantId: string,
  caseId: string,
): Promise<{ state: CaseState; version: number } | undefined> {
  const query = trx
    .selectFrom('cases')
    .select(['state', 'version'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', caseId);
  const row = await (dialect === 'postgres' ? query.forShare() : query).executeTakeFirst();
  return row ? { state: row.state as CaseState, version: row.version } : undefined;
}
