import { isUniqueViolation } from '../../../db/errors.js';
import { newId } from '../../../lib/ids.js';
import type { Case } from '../../cases/case.js';
import { appendTrack } from '../../cases/track.repository.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../shared/errors.js';
import { findEvaluation, insertEvaluation, type EvaluationRow } from '../evaluations.repository.js';

export interface EvaluationInput {
  rating: number;
  comment?: string | undefined;
}

/**
 * Records the evaluation of a closed case's current closing, once (SPEC §10): by an agent on the
 * customer's behalf or by the customer through the link. A second one for the same closing is 409
 * `evaluation_exists`; the unique key makes that hold under concurrency too. It is on the track.
 */
export async function evaluateCase(
  ctx: AppContext,
  c: Case,
  input: EvaluationInput,
  by: { source: 'agent'; actorId: string } | { source: 'customer' },
): Promise<EvaluationRow> {
  if (c.state !== 'closed')
    throw new AppError('case_invalid_transition', 'Only a closed case can be evaluated.');
  if (await findEvaluation(ctx.db, c.tenantId, c.id, c.reopenCount))
    throw new AppError('evaluation_exists', 'This closing of the case has been evaluated already.');
  const at = ctx.clock.now().toISOString();
  const row: EvaluationRow = {
    tenant_id: c.tenantId,
    id: newId(),
    case_id: c.id,
    closing: c.reopenCount,
    rating: input.rating,
    comment: input.comment ?? null,
    source: by.source,
    actor_id: by.source === 'agent' ? by.actorId : null,
    created_at: at,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await insertEvaluation(trx, row);
      await appendTrack(trx, c.tenantId, {
        caseId: c.id,
        kind: 'evaluated',
        actorId: by.source === 'agent' ? by.actorId : null,
        at,
        remark: null,
        changes: { rating: [null, input.rating] },
        body: input.comment ?? null,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('evaluation_exists', 'This closing of the case has been evaluated already.');
    throw error;
  }
  return row;
}
