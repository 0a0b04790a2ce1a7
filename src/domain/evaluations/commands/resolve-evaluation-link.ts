import type { AppContext } from '../../context.js';
import type { Case } from '../../cases/case.js';
import { findCase } from '../../cases/cases.repository.js';
import { AppError, notFound } from '../../shared/errors.js';
import { findEvaluation } from '../evaluations.repository.js';
import { signingSecret, verifyEvaluationLink } from '../signed-links.js';

/**
 * The case a customer's link is for, or the refusal of SPEC §13: tampered with or superseded by a
 * restart 404, expired 410 `evaluation_link_expired`, already used 409 `evaluation_exists`.
 */
export async function resolveEvaluationLink(ctx: AppContext, token: string): Promise<Case> {
  const now = ctx.clock.now();
  const claim = verifyEvaluationLink(await signingSecret(ctx.db, now), token);
  if (!claim) throw notFound('The evaluation link');
  const c = await findCase(ctx.db, claim.t, claim.c);
  if (!c || c.state !== 'closed' || c.reopenCount !== claim.n) throw notFound('The evaluation link');
  if (await findEvaluation(ctx.db, c.tenantId, c.id, c.reopenCount))
    throw new AppError('evaluation_exists', 'Thank you: this case has been evaluated already.');
  if (now.getTime() > claim.e)
    throw new AppError('evaluation_link_expired', 'This evaluation link has expired.');
  return c;
}
