/**
 * Tokenising for the case search index (DESIGN.md): neither SQLite FTS5 nor PostgreSQL's parsers
 * split Chinese words, so we index CJK text as overlapping character bigrams (`申请退款` → 申请, 请退,
 * 退款) and other scripts as lower-cased words. A query matches when every one of its terms matches:
 * bigrams exactly, words by prefix (`refun` finds `refund`).
 *
 * A word is indexed under each of its prefixes up to `PREFIX_MAX` characters (`refund` → r, re, ref,
 * refu, refun, refund), and under the whole word when it is longer. A query word of up to
 * `PREFIX_MAX` characters is then one exact term, which the index keeps in creation order, so a page
 * of results is a short index walk however many cases the tenant holds (docs/decisions/0008).
 */

// Han, Hiragana, Katakana and Hangul: scripts written without spaces between words.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_CLASS = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}`;
// A run of CJK characters, or a run of other letters and digits (set difference needs the v flag).
const RUN = new RegExp(String.raw`[${CJK_CLASS}]+|[[\p{L}\p{N}]--[${CJK_CLASS}]]+`, 'gv');
const MAX_TERM = 64;
/** Words are indexed under their prefixes up to this many characters (code points). */
export const PREFIX_MAX = 16;

function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Code points, not UTF-16 units: CJK extension characters lie outside the BMP. */
function codePoints(run: string): string[] {
  return Array.from(run);
}

function cjkBigrams(run: string): string[] {
  const chars = codePoints(run);
  if (chars.length === 1) return chars;
  const grams: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) grams.push(`${chars[i] ?? ''}${chars[i + 1] ?? ''}`);
  return grams;
}

/** A word's index terms: its prefixes of 1 to `PREFIX_MAX` characters, and itself when longer. */
export function wordTerms(word: string): string[] {
  const chars = codePoints(word);
  const terms: string[] = [];
  for (let n = 1; n <= Math.min(chars.length, PREFIX_MAX); n++) terms.push(chars.slice(0, n).join(''));
  if (chars.length > PREFIX_MAX) terms.push(word);
  return terms;
}

/** Whether a stored term came from CJK text (a bigram or a lone character) rather than a word. */
export function isCjkTerm(term: string): boolean {
  return CJK.test(term);
}

/** The distinct terms under which a text is indexed. */
export function indexTerms(text: string): string[] {
  const terms = new Set<string>();
  for (const match of normalise(text).matchAll(RUN)) {
    const run = match[0];
    if (CJK.test(run)) for (const gram of cjkBigrams(run)) terms.add(gram);
    else for (const term of wordTerms(run.slice(0, MAX_TERM))) terms.add(term);
  }
  return [...terms];
}

/**
 * One term of a query. A case matches it when it holds the index term `key` (exactly) and, when
 * `prefix` is set, also an index term beginning with `prefix`.
 * - a CJK bigram, or a word of up to `PREFIX_MAX` characters: `key` is the term, no `prefix`;
 * - a longer word: `key` is its first `PREFIX_MAX` characters, `prefix` the word;
 * - a lone CJK character (it matches the bigrams it begins): no `key`, `prefix` the character.
 */
export interface QueryTerm {
  key: string | null;
  prefix: string | null;
}

/** The terms of a search query, each of which a case must match. */
export function queryTerms(query: string): QueryTerm[] {
  const terms = new Map<string, QueryTerm>();
  for (const match of normalise(query).matchAll(RUN)) {
    const run = match[0];
    if (CJK.test(run)) {
      const chars = codePoints(run);
      if (chars.length === 1) terms.set(`~${run}`, { key: null, prefix: run });
      else for (const gram of cjkBigrams(run)) terms.set(gram, { key: gram, prefix: null });
    } else {
      const word = run.slice(0, MAX_TERM);
      const chars = codePoints(word);
      terms.set(
        word,
        chars.length <= PREFIX_MAX
          ? { key: word, prefix: null }
          : { key: chars.slice(0, PREFIX_MAX).join(''), prefix: word },
      );
    }
  }
  return [...terms.values()];
}

/** The upper bound of a prefix range: every string that starts with `prefix` sorts below it. */
export function prefixUpperBound(prefix: string): string {
  return `${prefix}\u{10FFFF}`;
}
