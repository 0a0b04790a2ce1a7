import { describe, expect, it } from 'vitest';
import { indexTerms, queryTerms } from './search-terms.js';

describe('indexTerms', () => {
  it('splits Chinese into character bigrams', () => {
    expect(indexTerms('申请退款失败')).toEqual(['申请', '请退', '退款', '款失', '失败']);
  });

  it('lower-cases words of other scripts and keeps digits', () => {
    expect(indexTerms('Refund FAILED for order 4711')).toEqual(['refund', 'failed', 'for', 'order', '4711']);
  });

  it('handles mixed text, punctuation and full-width characters', () => {
    expect(indexTerms('VIP客户：退款！ＡＢＣ')).toEqual(['vip', '客户', '退款', 'abc']);
  });

  it('keeps a lone CJK character as a term', () => {
    expect(indexTerms('A 退 B')).toEqual(['a', '退', 'b']);
  });
});

describe('queryTerms', () => {
  it('makes bigrams of a Chinese query, matched exactly', () => {
    expect(queryTerms('退款')).toEqual([{ term: '退款', prefix: false }]);
    expect(queryTerms('申请退款')).toEqual([
      { term: '申请', prefix: false },
      { term: '请退', prefix: false },
      { term: '退款', prefix: false },
    ]);
  });

  it('matches words by prefix, every word required', () => {
    expect(queryTerms('Refun Ord')).toEqual([
      { term: 'refun', prefix: true },
      { term: 'ord', prefix: true },
    ]);
  });
});
