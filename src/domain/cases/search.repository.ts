import {
  expressionBuilder,
  type Expression,
  type ExpressionBuilder,
  type SelectQueryBuilder,
  type SqlBool,
} from 'kysely';
import type { Executor } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import type { Case } from './case.js';
import { indexTerms, prefixUpperBound, queryTerms, type QueryTerm } from './search-terms.js';

type Condition = (eb: ExpressionBuilder<Database, 'cases'>) => Expression<SqlBool>;

/** What the index needs to know of a case: its terms are kept in the case's creation order. */
type IndexedCase = Pick<Case, 'tenantId' | 'id' | 'createdAt'>;

/** Chunks keep each statement well below SQLite's bound-parameter limit. */
const CHUNK = 200;

async function insertTerms(db: Executor, c: IndexedCase, terms: readonly string[]): Promise<void> {
  for (let i = 0; i < terms.length; i += CHUNK) {
    await db
      .insertInto('case_search_terms')
      .values(
        terms.slice(i, i + CHUNK).map((term) => ({
          tenant_id: c.tenantId,
          term,
          case_created_at: c.createdAt,
          case_id: c.id,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

/** Indexes a new case's text (title and description); run in the transaction that creates it. */
export async function indexNewCase(
  db: Executor,
  c: IndexedCase & Pick<Case, 'title' | 'description'>,
): Promise<void> {
  await insertTerms(db, c, indexTerms(`${c.title}\n${c.description}`));
}

/**
 * Re-indexes a case whose title or description changed; run in the transaction that changes it. The
 * index holds one row per case and term, so the terms the case keeps are those of its new text and
 * of its comments; the others are deleted, the new ones added.
 */
export async function reindexCase(
  db: Executor,
  c: IndexedCase & Pick<Case, 'title' | 'description'>,
): Promise<void> {
  const comments = await db
    .selectFrom('case_track')
    .select('body')
    .where('tenant_id', '=', c.tenantId)
    .where('case_id', '=', c.id)
    .where('kind', '=', 'comment')
    .execute();
  const wanted = new Set(indexTerms(`${c.title}\n${c.description}`));
  for (const { body } of comments) if (body !== null) for (const term of indexTerms(body)) wanted.add(term);
  const held = await db
    .selectFrom('case_search_terms')
    .select('term')
    .where('tenant_id', '=', c.tenantId)
    .where('case_id', '=', c.id)
    .execute();
  const stale = held.map((row) => row.term).filter((term) => !wanted.has(term));
  for (const term of held) wanted.delete(term.term);
  for (let i = 0; i < stale.length; i += CHUNK) {
    await db
      .deleteFrom('case_search_terms')
      .where('tenant_id', '=', c.tenantId)
      .where('term', 'in', stale.slice(i, i + CHUNK))
      .where('case_created_at', '=', c.createdAt)
      .where('case_id', '=', c.id)
      .execute();
  }
  await insertTerms(db, c, [...wanted]);
}

/** Adds a comment's words to its case's index (comments are never edited, so terms only grow). */
export async function indexComment(db: Executor, c: IndexedCase, body: string): Promise<void> {
  await insertTerms(db, c, indexTerms(body));
}

/** A parsed search query: every term must match, or the case number (when the query is one). */
export interface CaseSearch {
  terms: QueryTerm[];
  caseNo: number | null;
}

/** Null when the query has no searchable term and is no case number. */
export function parseCaseSearch(query: string): CaseSearch | null {
  const terms = queryTerms(query);
  const caseNo = /^\s*#?(\d{1,15})\s*$/.exec(query)?.[1];
  if (terms.length === 0 && caseNo === undefined) return null;
  return { terms, caseNo: caseNo === undefined ? null : Number(caseNo) };
}

/** Where a check finds the case: a row of `cases`, or an entry of the term being walked. */
interface CaseRefs {
  createdAt: Expression<string>;
  caseId: Expression<string>;
}

/**
 * The case holds a term: through the index key (tenant, term, creation time, case), a point lookup
 * per case; a prefix through the per-case index (tenant, case, term), a short range per case.
 */
function holdsTerm(tenantId: string, term: QueryTerm, refs: CaseRefs): Expression<SqlBool> {
  const eb = expressionBuilder<Database>();
  const checks: Expression<SqlBool>[] = [];
  if (term.key !== null) {
    checks.push(
      eb.exists(
        eb
          .selectFrom('case_search_terms as x')
          .select('x.case_id')
          .where('x.tenant_id', '=', tenantId)
          .where('x.term', '=', term.key)
          .where('x.case_created_at', '=', refs.createdAt)
          .where('x.case_id', '=', refs.caseId),
      ),
    );
  }
  if (term.prefix !== null) {
    checks.push(
      eb.exists(
        eb
          .selectFrom('case_search_terms as x')
          .select('x.case_id')
          .where('x.tenant_id', '=', tenantId)
          .where('x.case_id', '=', refs.caseId)
          .where('x.term', '>=', term.prefix)
          .where('x.term', '<', prefixUpperBound(term.prefix)),
      ),
    );
  }
  return eb.and(checks);
}

/** Every term holds for the case: per-case lookups, for lists driven by something else (a view, a term). */
export function termsCondition(tenantId: string, terms: readonly QueryTerm[]): Condition {
  return (eb) =>
    eb.and(
      terms.map((term) =>
        holdsTerm(tenantId, term, { createdAt: eb.ref('cases.created_at'), caseId: eb.ref('cases.id') }),
      ),
    );
}

/** The same for the entries of a term being walked, so that a count need not read the cases. */
export function entryTermsCondition(
  tenantId: string,
  terms: readonly QueryTerm[],
): (eb: ExpressionBuilder<Database, 'case_search_terms'>) => Expression<SqlBool> {
  return (eb) =>
    eb.and(
      terms.map((term) =>
        holdsTerm(tenantId, term, {
          createdAt: eb.ref('case_search_terms.case_created_at'),
          caseId: eb.ref('case_search_terms.case_id'),
        }),
      ),
    );
}

/**
 * The search as a condition on `cases` (all terms, or the case number), checked case by case. For
 * lists whose cases come from elsewhere: the To do view's own indexes.
 */
export function caseSearchCondition(tenantId: string, search: CaseSearch): Condition {
  return (eb) => {
    const all = termsCondition(tenantId, search.terms)(eb);
    return search.caseNo === null ? all : eb.or([all, eb('cases.case_no', '=', search.caseNo)]);
  };
}

/**
 * The search as a condition for a list read through the view's own indexes when no term can be
 * walked (only lone CJK characters): the cases holding the first term, read in full from the index,
 * then every term checked per case.
 */
export function caseSearchScanCondition(tenantId: string, search: CaseSearch): Condition {
  return (eb) => {
    const [first] = search.terms;
    const parts: Expression<SqlBool>[] = [termsCondition(tenantId, search.terms)(eb)];
    if (first) {
      const holding = eb
        .selectFrom('case_search_terms as st')
        .select('st.case_id')
        .where('st.tenant_id', '=', tenantId);
      const key = first.key;
      const prefix = first.prefix ?? '';
      parts.unshift(
        eb(
          'cases.id',
          'in',
          key !== null
            ? holding.where('st.term', '=', key)
            : holding.where('st.term', '>=', prefix).where('st.term', '<', prefixUpperBound(prefix)),
        ),
      );
    }
    const all = eb.and(parts);
    return search.caseNo === null ? all : eb.or([all, eb('cases.case_no', '=', search.caseNo)]);
  };
}

/**
 * The term to walk: of the query's exact terms, the one held by the fewest cases (counted up to
 * `probeCap`, so the choice costs at most that many index entries per term). Null when no term is
 * exact (only lone CJK characters).
 */
export async function drivingTerm(
  db: Executor,
  tenantId: string,
  terms: readonly QueryTerm[],
  probeCap = 1000,
): Promise<QueryTerm | null> {
  const keyed = terms.filter((t) => t.key !== null);
  if (keyed.length <= 1) return keyed[0] ?? null;
  let best: { term: QueryTerm; n: number } | null = null;
  for (const term of keyed) {
    const row = await db
      .selectFrom(
        db
          .selectFrom('case_search_terms')
          .select('case_id')
          .where('tenant_id', '=', tenantId)
          .where('term', '=', term.key ?? '')
          .limit(probeCap)
          .as('held'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const n = row.n;
    // On a tie the longer term: it is the likelier to be rare beyond the probe.
    if (!best || n < best.n || (n === best.n && (term.key ?? '').length > (best.term.key ?? '').length))
      best = { term, n };
  }
  return best?.term ?? null;
}

export type TermWalk = SelectQueryBuilder<Database, 'case_search_terms' | 'cases', object>;

/**
 * The cases holding one index term, in the index's order (creation time, then id): an index range
 * that a `LIMIT` stops.
 */
export function termWalk(db: Executor, tenantId: string, key: string): TermWalk {
  return db
    .selectFrom('case_search_terms')
    .innerJoin('cases', (join) =>
      join
        .onRef('cases.tenant_id', '=', 'case_search_terms.tenant_id')
        .onRef('cases.id', '=', 'case_search_terms.case_id'),
    )
    .where('case_search_terms.tenant_id', '=', tenantId)
    .where('case_search_terms.term', '=', key);
}

/** The same walk without the case rows, for counts that filter nothing on the case. */
export function termEntries(
  db: Executor,
  tenantId: string,
  key: string,
): SelectQueryBuilder<Database, 'case_search_terms', object> {
  return db
    .selectFrom('case_search_terms')
    .where('case_search_terms.tenant_id', '=', tenantId)
    .where('case_search_terms.term', '=', key);
}
