import type { Executor } from '../../db/connection.js';
import type { InternalRecordsTable } from '../../db/schema.js';
import type { InternalRecord } from './internal-record.js';

function toRecord(row: InternalRecordsTable): InternalRecord {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    caseId: row.case_id,
    body: row.body,
    authorId: row.author_id,
    createdAt: row.created_at,
  };
}

export async function insertInternalRecord(db: Executor, r: InternalRecord): Promise<void> {
  await db
    .insertInto('internal_records')
    .values({
      tenant_id: r.tenantId,
      id: r.id,
      case_id: r.caseId,
      body: r.body,
      author_id: r.authorId,
      created_at: r.createdAt,
    })
    .execute();
}

export async function findInternalRecord(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<InternalRecord | undefined> {
  const row = await db
    .selectFrom('internal_records')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toRecord(row);
}

export async function listInternalRecords(
  db: Executor,
  tenantId: string,
  caseId: string,
): Promise<InternalRecord[]> {
  const rows = await db
    .selectFrom('internal_records')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toRecord);
}
