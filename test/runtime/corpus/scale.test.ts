// A 12k-document corpus (the bench generator's help-center text): indexing, ranking and a cached restart stay fast.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, type GeneratedRecord } from '../../../bench/gen-corpus.js';
import { loadCorpus } from '../../../src/runtime/corpus/load-corpus.js';
import type { CorpusConfig } from '../../../src/config/types.js';
import { silentLogger } from '../../../src/runtime/logger.js';

const COUNT = 12_000;
const logger = silentLogger();
const config: CorpusConfig = { name: 'kb', baseUrl: 'https://kb.acme.example/', sources: [{ path: 'kb.jsonl', fields: { metadata: ['category', 'updated'] } }] };
let dir: string;
let records: GeneratedRecord[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'corpus-scale-'));
  await generateCorpus({ dir, count: COUNT, seed: 7 });
  records = readFileSync(join(dir, 'kb.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as GeneratedRecord);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(`a ${COUNT}-document corpus`, () => {
  it('indexes, ranks exact titles first, and restarts from the cache far faster than it built', async () => {
    let reported = 0;
    const built = await loadCorpus(config, { baseDir: dir, logger, onProgress: (done) => { reported = done; } });
    expect(built.fromCache).toBe(false);
    expect(built.size).toBe(COUNT);
    expect(reported).toBe(COUNT);

    for (const n of [17, 4321, 11_999]) {
      const target = records[n]!;
      const [top] = built.search(target.title, 10);
      // Titles repeat across generated documents; any document with this exact title is a best answer.
      expect(top?.title).toBe(target.title);
    }
    built.close?.();

    const cached = await loadCorpus(config, { baseDir: dir, logger, warmIndex: false });
    expect(cached.fromCache).toBe(true);
    expect(cached.loadMs!).toBeLessThan(built.loadMs! / 4);
    const doc = cached.get(records[4321]!.id);
    expect(doc).toEqual({ id: records[4321]!.id, title: records[4321]!.title, text: records[4321]!.text,
      url: `https://kb.acme.example/${records[4321]!.id}`, metadata: { category: records[4321]!.category, updated: records[4321]!.updated } });

    const started = performance.now();
    const hits = cached.search('refund anvil', 10);
    const firstSearchMs = performance.now() - started;
    expect(hits).toHaveLength(10);
    expect(hits[0]!.title.toLowerCase()).toMatch(/refund.*anvil/);
    // Later searches do not pay the deferred index load again.
    const again = performance.now();
    cached.search('shipping canada', 10);
    expect(performance.now() - again).toBeLessThan(Math.max(firstSearchMs, 250));
    cached.close?.();
  }, 60_000);
});
