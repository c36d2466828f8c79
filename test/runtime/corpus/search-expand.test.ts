// Query word expansion: the most frequent prefix completions (ties in vocabulary order), typo terms, memoisation.
import { describe, expect, it } from 'vitest';
import { createSearchIndex } from '../../../src/runtime/corpus/search-index.js';
import { expandWord } from '../../../src/runtime/corpus/search-expand.js';

/** 70 terms pre00..pre69 where pre<k> is in (k % 10) + 1 of 10 documents, plus "prefix" in all of them. */
function prefixIndex() {
  const terms = Array.from({ length: 70 }, (_, k) => `pre${String(k).padStart(2, '0')}`);
  const df = (k: number): number => (k % 10) + 1;
  const index = createSearchIndex();
  for (let i = 0; i < 10; i++) index.add({ i, title: 'prefix', text: terms.filter((_, k) => df(k) > i).join(' ') });
  return { f: index.frozen(), terms, df };
}

describe('expandWord', () => {
  it('keeps the 64 most frequent completions of a prefix, by falling frequency then vocabulary order', () => {
    const { f, terms, df } = prefixIndex();
    // "prefix" is in all 10 documents, as are pre09, pre19, ... pre69.
    const all = [...terms.map((t, k) => ({ t, df: df(k) })), { t: 'prefix', df: 10 }];
    const expected = all.sort((a, b) => b.df - a.df || (a.t < b.t ? -1 : 1)).slice(0, 64).map((e) => e.t);
    expect(expected.slice(0, 8)).toEqual(['pre09', 'pre19', 'pre29', 'pre39', 'pre49', 'pre59', 'pre69', 'prefix']);
    const { terms: got, weights } = expandWord(f, 'pre', true);
    expect(got.map((t) => f.vocabulary[t])).toEqual(expected);
    // Shorter completions weigh more.
    expect(weights[0]).toBeGreaterThan(weights[7]!);
  });

  it('lists completions in vocabulary order when there are at most 64, then terms one typo away', () => {
    const { f } = prefixIndex();
    const got = expandWord(f, 'pre0', true).terms.map((t) => f.vocabulary[t]);
    expect(got.slice(0, 10)).toEqual(['pre00', 'pre01', 'pre02', 'pre03', 'pre04', 'pre05', 'pre06', 'pre07', 'pre08', 'pre09']);
    expect(got.slice(10)).toEqual(['pre10', 'pre20', 'pre30', 'pre40', 'pre50', 'pre60']);
    // A word the vocabulary has: the exact term (and, as the last word, its completions: none here).
    expect(expandWord(f, 'pre05', false).terms.map((t) => f.vocabulary[t])).toEqual(['pre05']);
    expect(expandWord(f, 'prefi', true).terms.map((t) => f.vocabulary[t])).toEqual(['prefix']);
  });

  it('adds terms within two edits for a word the vocabulary lacks, and remembers the expansion', () => {
    const { f } = prefixIndex();
    const typo = expandWord(f, 'perfix', false);
    expect(typo.terms.map((t) => f.vocabulary[t])).toEqual(['prefix']);
    expect(typo.weights[0]).toBeCloseTo((0.45 * 6) / 8, 12);
    expect(expandWord(f, 'perfix', false)).toBe(typo);
    expect(expandWord(f, 'perfix', true)).not.toBe(typo);
  });
});
