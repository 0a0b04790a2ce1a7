import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Executor } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import { indexTerms, prefixUpperBound, queryTerms } from './search-terms.js';

type Source = 'case' | 'comment';

async function insertTerms(
  db: Executor,
  tenantId: string,
  caseId: string,
  source: Source,
  terms: string[],
): Promise<void> {
  // Chunks keep each statement well below SQLite's bound-parameter limit.
  for (let i = 0; i < terms.length; i += 200) {
    await db
      .insertInto('case_search_terms')
      .values(terms.slice(i, i + 200).map((term) => ({ tenant_id: tenantId, term, case_id: caseId, source })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

/** Re-indexes a case's own text (title and description); run in the transaction that changes it. */
export async function indexCaseText(
  db: Executor,
  tenantId: string,
  caseId: string,
  title: string,
  description: string,
): Promise<void> {
  await db
    .deleteFrom('case_search_terms')
    .where('tenant_id', '=', tenantId)
    .where('case_id', '=', caseId)
    .where('source', '=', 'case')
    .execute();
  await insertTerms(db, tenantId, caseId, 'case', indexTerms(`${title}\n${description}`));
}

/** Adds a comment's words to its case's index (comments are never edited, so terms only grow). */
export async function indexComment(
  db: Executor,
  tenantId: string,
  caseId: string,
  body: string,
): Promise<void> {
  await insertTerms(db, tenantId, caseId, 'comment', indexTerms(body));
}

/**
 * The search condition for a case list: every query term must be indexed for the case; a query that
 * is a case number also matches that case. Null when the query has no searchable term.
 */
export function caseSearchCondition(
  tenantId: string,
  query: string,
): ((eb: ExpressionBuilder<Database, 'cases'>) => Expression<SqlBool>) | null {
  const terms = queryTerms(query);
  const caseNo = /^\s*#?(\d{1,15})\s*$/.exec(query)?.[1];
  if (terms.length === 0 && caseNo === undefined) return null;
  return (eb) => {
    const termMatches = terms.map(({ term, prefix }) => {
      const matching = eb
        .selectFrom('case_search_terms as st')
        .select('st.case_id')
        .where('st.tenant_id', '=', tenantId)
        .where((inner) =>
          prefix
            ? inner.and([inner('st.term', '>=', term), inner('st.term', '<', prefixUpperBound(term))])
            : inner('st.term', '=', term),
        );
      return eb('cases.id', 'in', matching);
    });
    const all = eb.and(termMatches);
    return caseNo === undefined ? all : eb.or([all, eb('cases.case_no', '=', Number(caseNo))]);
  };
}
