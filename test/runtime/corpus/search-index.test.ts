// The typed-array search index: pruned top-k equals exhaustive scoring, the binary file round-trips, damage is detected.
import { readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, type GeneratedRecord } from '../../../bench/gen-corpus.js';
import { createSearchIndex, loadSearchIndex, searchIndex, serializeSearchIndex, type SearchIndex } from '../../../src/runtime/corpus/search-index.js';

const QUERIES = ['how to cancel a membership for jet bike in japan', 'refund anvil', 'refnud', 'enable notifications app',
  'shipping canada', 'warrenty', 'subscr', 'merchant name on statement', 'gift card balance', 'paymnt options',
  'support ticket status', 'the', 'zzzzqqq', 'how do i track my order'];
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
