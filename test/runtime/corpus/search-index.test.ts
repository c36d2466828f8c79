// The typed-array search index: pruned top-k equals exhaustive scoring (fixed and randomised queries), the binary file
// round-trips, damage is detected.
import { readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, type GeneratedRecord } from '../../../bench/gen-corpus.js';
import { randomQueries } from '../../../bench/lib/random-queries.js';
import { createSearchIndex, loadSearchIndex, searchIndex, serializeSearchIndex, type SearchIndex } from '../../../src/runtime/corpus/search-index.js';

const QUERIES = ['how to cancel a membership for jet bike in japan', 'refund anvil', 'refnud', 'enable notifications app',
  'shipping canada', 'warrenty', 'subscr', 'merchant name on statement', 'gift card balance', 'paymnt options',
  'support ticket status', 'the', 'zzzzqqq', 'how do i track my order'];
// Several words with a typo (not in the vocabulary: edit-distance expansion) or a short last word (prefix expansion).
const MIXED_QUERIES = ['refund anv', 'shiping canad', 'gift crad anvil', 'warrenty germ', 'cancel subscr', 'trak delivry jet bik',
  'reset pasword for rocket', 'invoice germany kal', 'merchnt name statem', 'how to canecl a membrship for jet bike in jap',
  'you your can', 'how mer', 'statement mer dri', 'anvil anvil you'];

/** Same documents in the same order, with scores equal within 1e-9. */
function expectSameHits(actual: { position: number; score: number }[], expected: { position: number; score: number }[], label: string): void {
  expect(actual.map((h) => h.position), label).toEqual(expected.map((h) => h.position));
  actual.forEach((h, k) => expect(Math.abs(h.score - expected[k]!.score), label).toBeLessThanOrEqual(1e-9));
}
let dir: string;
let records: GeneratedRecord[];
let index: SearchIndex;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'search-index-'));
  await generateCorpus({ dir, count: 3000, seed: 3 });
  records = readFileSync(join(dir, 'kb.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as GeneratedRecord);
  index = createSearchIndex();
  records.forEach((r, i) => index.add({ i, title: r.title, text: r.text }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('search index', () => {
  it('prunes with MaxScore without changing the top k', () => {
    for (const query of QUERIES) {
      for (const limit of [1, 5, 10, 50]) {
        expect(searchIndex(index, query, limit), `${query} / ${limit}`).toEqual(searchIndex(index, query, limit, { exhaustive: true }));
      }
    }
    expect(searchIndex(index, 'refund anvil', 10)).toHaveLength(10);
  });

  it('prunes multi-word queries with prefix and typo expansions without changing the top k', () => {
    for (const query of MIXED_QUERIES) {
      for (const limit of [1, 3, 10, 50]) expectSameHits(searchIndex(index, query, limit), searchIndex(index, query, limit, { exhaustive: true }), `${query} / ${limit}`);
    }
  });

  it('returns what exhaustive scoring returns for 400 random queries of 1-4 words (some with typos or prefixes)', () => {
    const queries = randomQueries({ count: 400, seed: 11 });
    let multiWord = 0;
    for (const [k, query] of queries.entries()) {
      if (query.includes(' ')) multiWord++;
      const limit = [10, 1, 5, 50][k % 4]!;
      expectSameHits(searchIndex(index, query, limit), searchIndex(index, query, limit, { exhaustive: true }), `${query} / ${limit}`);
    }
    expect(multiWord).toBeGreaterThan(250);
  });

  it('ranks a document with every query word in its title above ones without', () => {
    const target = records[1234]!;
    const [top] = searchIndex(index, target.title, 5);
    expect(records[top!.position]!.title).toBe(target.title);
    const hits = searchIndex(index, 'refund anvil', 5);
    for (const hit of hits) expect(records[hit.position]!.title.toLowerCase()).toMatch(/refund.*anvil/);
  });

  it('expands typos only for words the corpus lacks, weighted below exact matches', () => {
    const exact = searchIndex(index, 'refund', 3);
    const typo = searchIndex(index, 'refnud', 3);
    expect(typo.map((h) => h.position)).toEqual(exact.map((h) => h.position));
    expect(typo[0]!.score).toBeLessThan(exact[0]!.score);
  });

  it('round-trips through its binary form with identical results, and refuses damaged bytes', () => {
    const bytes = serializeSearchIndex(index);
    const loaded = loadSearchIndex(bytes);
    expect(loaded.documentCount).toBe(records.length);
    for (const query of QUERIES) expect(searchIndex(loaded, query, 10)).toEqual(searchIndex(index, query, 10));
    // Unaligned input is copied, not misread.
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expect(searchIndex(loadSearchIndex(shifted.subarray(1)), 'refund anvil', 10)).toEqual(searchIndex(index, 'refund anvil', 10));
    expect(() => loadSearchIndex(bytes.subarray(0, bytes.length - 8))).toThrow(/wrong size/);
    const wrongMagic = Buffer.from(bytes);
    wrongMagic.writeUInt32LE(0, 0);
    expect(() => loadSearchIndex(wrongMagic)).toThrow(/not a search index/);
    // A tier boundary outside its term's postings (the splits follow the header, vocabulary, offsets and maxima).
    const terms = bytes.readUInt32LE(12);
    const splitsAt = 9 * 4 + ((bytes.readUInt32LE(8) + 3) & ~3) + (terms + 1) * 4 + terms * 4;
    const badSplit = Buffer.from(bytes);
    badSplit.writeUInt32LE(bytes.readUInt32LE(splitsAt + 4 * (terms - 1)) + 1_000_000, splitsAt);
    expect(() => loadSearchIndex(badSplit)).toThrow(/tiers are damaged/);
    expect(() => index.add({ i: records.length, title: 'late', text: 'late' })).toThrow(/frozen/);
  });

  it('answers nothing for an empty index, an empty query or a zero limit', () => {
    const empty = createSearchIndex();
    expect(searchIndex(empty, 'refund', 5)).toEqual([]);
    expect(searchIndex(loadSearchIndex(serializeSearchIndex(empty)), 'refund', 5)).toEqual([]);
    expect(searchIndex(index, '  ,, ', 5)).toEqual([]);
    expect(searchIndex(index, 'refund', 0)).toEqual([]);
    expect(searchIndex(index, 'refund', Number.NaN)).toEqual([]);
    expect(searchIndex(index, 'refund', 2.7)).toHaveLength(2);
    expect(searchIndex(index, 'refund', 1e12).length).toBeLessThanOrEqual(records.length);
  });
});

describe('search index on 12k documents', () => {
  let large: SearchIndex;
  let largeDir: string;

  beforeAll(async () => {
    largeDir = mkdtempSync(join(tmpdir(), 'search-index-large-'));
    await generateCorpus({ dir: largeDir, count: 12_000, seed: 5 });
    large = createSearchIndex();
    readFileSync(join(largeDir, 'kb.jsonl'), 'utf8').trim().split('\n').forEach((line, i) => {
      const r = JSON.parse(line) as GeneratedRecord;
      large.add({ i, title: r.title, text: r.text });
    });
  }, 60_000);
  afterAll(() => rmSync(largeDir, { recursive: true, force: true }));

  // More documents than one scoring window and one posting block, so skipped windows and blocks are exercised.
  it('returns what exhaustive scoring returns for 300 random queries and the mixed ones', () => {
    for (const [k, query] of [...randomQueries({ count: 300, seed: 23 }), ...MIXED_QUERIES, ...QUERIES].entries()) {
      const limit = [10, 1, 5, 50][k % 4]!;
      expectSameHits(searchIndex(large, query, limit), searchIndex(large, query, limit, { exhaustive: true }), `${query} / ${limit}`);
    }
  });
});
