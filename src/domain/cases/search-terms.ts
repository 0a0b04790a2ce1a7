/**
 * Tokenising for the case search index (DESIGN.md): neither SQLite FTS5 nor PostgreSQL's parsers
 * split Chinese words, so we index CJK text as overlapping character bigrams (`申请退款` → 申请, 请退,
 * 退款) and other scripts as lower-cased words. A query matches when every one of its terms matches:
 * bigrams exactly, words by prefix (`refun` finds `refund`).
 */

// Han, Hiragana, Katakana and Hangul: scripts written without spaces between words.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_CLASS = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}`;
// A run of CJK characters, or a run of other letters and digits (set difference needs the v flag).
const RUN = new RegExp(String.raw`[${CJK_CLASS}]+|[[\p{L}\p{N}]--[${CJK_CLASS}]]+`, 'gv');
const MAX_TERM = 64;

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

/** The distinct terms under which a text is indexed. */
export function indexTerms(text: string): string[] {
  const terms = new Set<string>();
  for (const match of normalise(text).matchAll(RUN)) {
    const run = match[0];
    if (CJK.test(run)) for (const gram of cjkBigrams(run)) terms.add(gram);
    else terms.add(run.slice(0, MAX_TERM));
  }
  return [...terms];
}

export interface QueryTerm {
  term: string;
  /** Words (and a lone CJK character) match any indexed term they begin; bigrams match exactly. */
  prefix: boolean;
}

/** The terms of a search query, each of which a case must match. */
export function queryTerms(query: string): QueryTerm[] {
  const terms = new Map<string, QueryTerm>();
  for (const match of normalise(query).matchAll(RUN)) {
    const run = match[0];
    if (CJK.test(run)) {
      const chars = codePoints(run);
      if (chars.length === 1) terms.set(run, { term: run, prefix: true });
      else for (const gram of cjkBigrams(run)) terms.set(gram, { term: gram, prefix: false });
    } else {
      const term = run.slice(0, MAX_TERM);
      terms.set(term, { term, prefix: true });
    }
  }
  return [...terms.values()];
}

/** The upper bound of a prefix range: every string that starts with `prefix` sorts below it. */
export function prefixUpperBound(prefix: string): string {
  return `${prefix}\u{10FFFF}`;
}
