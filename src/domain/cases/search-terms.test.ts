import { describe, expect, it } from 'vitest';
import { indexTerms, PREFIX_MAX, queryTerms, wordTerms } from './search-terms.js';

describe('indexTerms', () => {
  it('splits Chinese into character bigrams', () => {
    expect(indexTerms('申请退款失败')).toEqual(['申请', '请退', '退款', '款失', '失败']);
  });

  it('lower-cases words of other scripts, keeps digits, and indexes each word under its prefixes', () => {
    expect(indexTerms('Refund FOR 4711')).toEqual([
      'r',
      're',
      'ref',
      'refu',
      'refun',
      'refund',
      'f',
      'fo',
      'for',
      '4',
      '47',
      '471',
      '4711',
    ]);
  });

  it('lists a prefix two words share once', () => {
    expect(indexTerms('the then')).toEqual(['t', 'th', 'the', 'then']);
  });

  it('handles mixed text, punctuation and full-width characters', () => {
    expect(indexTerms('VIP客户：退款！ＡＢ')).toEqual(['v', 'vi', 'vip', '客户', '退款', 'a', 'ab']);
  });

  it('keeps a lone CJK character as a term', () => {
    expect(indexTerms('A 退 B')).toEqual(['a', '退', 'b']);
  });
});

describe('wordTerms', () => {
  it(`stops the prefixes at ${PREFIX_MAX} characters and adds a longer word whole`, () => {
    const word = 'counterrevolutionary';
    const terms = wordTerms(word);
    expect(terms).toHaveLength(PREFIX_MAX + 1);
    expect(terms.at(-2)).toBe(word.slice(0, PREFIX_MAX));
    expect(terms.at(-1)).toBe(word);
    expect(wordTerms('abc')).toEqual(['a', 'ab', 'abc']);
  });

  it('counts code points, not UTF-16 units', () => {
    expect(wordTerms('𝒜b')).toEqual(['𝒜', '𝒜b']);
  });
});

describe('queryTerms', () => {
  it('makes bigrams of a Chinese query, each an exact term', () => {
    expect(queryTerms('退款')).toEqual([{ key: '退款', prefix: null }]);
    expect(queryTerms('申请退款')).toEqual([
      { key: '申请', prefix: null },
      { key: '请退', prefix: null },
      { key: '退款', prefix: null },
    ]);
  });

  it('a word is the exact term of its indexed prefix, every word required', () => {
    expect(queryTerms('Refun Ord')).toEqual([
      { key: 'refun', prefix: null },
      { key: 'ord', prefix: null },
    ]);
  });

  it('a word longer than the indexed prefixes needs its prefix term and the whole word', () => {
    expect(queryTerms('counterrevolutionary')).toEqual([
      { key: 'counterrevolutio', prefix: 'counterrevolutionary' },
    ]);
  });

  it('a lone CJK character is a prefix of bigrams, with no exact term', () => {
    expect(queryTerms('退 款')).toEqual([
      { key: null, prefix: '退' },
      { key: null, prefix: '款' },
    ]);
  });
});
