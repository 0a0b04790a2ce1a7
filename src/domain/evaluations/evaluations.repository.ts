import type { Executor } from '../../db/connection.js';
import type { EvaluationsTable } from '../../db/schema.js';

export type EvaluationRow = EvaluationsTable;

export async function evaluationsOfCase(
  db: Executor,
  tenantId: string,
  caseId: string,
): Promise<EvaluationRow[]> {
  return db
    .selectFrom('evaluations')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('case_id', '=', caseId)
    .orderBy('closing')
    .execute();
}

export async function findEvaluation(
  db: Executor,
  tenantId: string,
  caseId: string,
  closing: number,
): Promise<EvaluationRow | undefined> {
  return db
    .selectFrom('evaluations')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('case_id', '=', caseId)
    .where('closing', '=', closing)
    .executeTakeFirst();
}

export async function insertEvaluation(db: Executor, row: EvaluationRow): Promise<void> {
  await db.insertInto('evaluations').values(row).execute();
}
