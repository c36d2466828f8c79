// The on-disk index cache: reused while sources are unchanged, rebuilt when a file changes or the cache is damaged.
import { readFileSync, readdirSync, rmSync, truncateSync, utimesSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../../src/runtime/corpus/load-corpus.js';
import { silentLogger } from '../../../src/runtime/logger.js';
import { copyFixture, HANDBOOK } from '../../fixtures/corpus/make-config.js';

const logger = silentLogger();
let dir: string;
const load = (onProgress?: (done: number, total: number) => void) => loadCorpus(HANDBOOK, { baseDir: dir, logger, onProgress, warmIndex: false });

function cacheEntries(): string[] {
  return readdirSync(join(dir, '.mcp-devmode', 'index', 'handbook'));
}

beforeAll(() => {
  dir = copyFixture();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('index cache', () => {
  it('builds once, reporting progress, then loads from the cache without reading the sources', async () => {
    // A whole-second mtime, so it can be restored exactly after the edit below.
    const faq = join(dir, 'faq.jsonl');
    utimesSync(faq, 1_700_000_000, 1_700_000_000);
    const progress: [number, number][] = [];
    const first = await load((done, total) => progress.push([done, total]));
    expect(first.fromCache).toBe(false);
    expect(progress[0]).toEqual([0, 11]);
    expect(progress.at(-1)).toEqual([11, 11]);
    expect(cacheEntries()).toHaveLength(1);
    first.close?.();

    // Same size and mtime but different bytes: only a corpus that re-read the file would notice.
    const original = readFileSync(faq, 'utf8');
    writeFileSync(faq, original.replace('How long does a refund take?', 'How long does a REFUND TAKE!'));
    utimesSync(faq, 1_700_000_000, 1_700_000_000);

    const progressAgain: number[] = [];
    const second = await load((done) => progressAgain.push(done));
    expect(second.fromCache).toBe(true);
    expect(progressAgain).toEqual([]);
    expect(second.get('faq-refund-time')?.title).toBe('How long does a refund take?');
    expect(second.get('refunds')?.metadata).toEqual({ category: 'payments', tags: ['refund', 'money'] });
    expect(second.search('refnud', 3).map((h) => h.id)).toContain('refunds');
    expect(second.list(0, 100)).toEqual(first.list(0, 100));
    second.close?.();
    writeFileSync(faq, original);
  });

  it('rebuilds when a source file changes, and drops the stale cache', async () => {
    const oldEntries = cacheEntries();
    appendFileSync(join(dir, 'faq.jsonl'), '{"id":"faq-moon","question":"Do you deliver to the moon?","answer":"Only by rocket freight.","category":"shipping"}\n');
    const rebuilt = await load();
    expect(rebuilt.fromCache).toBe(false);
    expect(rebuilt.search('moon', 1)[0]?.id).toBe('faq-moon');
    const entries = cacheEntries();
    expect(entries).toHaveLength(1);
    expect(entries).not.toEqual(oldEntries);
    rebuilt.close?.();
    const cached = await load();
    expect(cached.fromCache).toBe(true);
    expect(cached.size).toBe(12);
    cached.close?.();
  });

  it('rebuilds when a new file matches a source glob', async () => {
    writeFileSync(join(dir, 'articles', 'new-article.md'), '# Loyalty points\n\nEarn points on every order.\n');
    const rebuilt = await load();
    expect(rebuilt.fromCache).toBe(false);
    expect(rebuilt.search('loyalty', 1)[0]?.id).toBe('new-article');
    rebuilt.close?.();
  });

  it('rebuilds instead of failing when the cache is damaged', async () => {
    const [entry] = cacheEntries();
    const cacheDir = join(dir, '.mcp-devmode', 'index', 'handbook', entry!);
    truncateSync(join(cacheDir, 'search-index.bin'), 100);
    const truncated = await load();
    expect(truncated.fromCache).toBe(false);
    expect(truncated.search('loyalty', 1)[0]?.id).toBe('new-article');
    truncated.close?.();

    writeFileSync(join(cacheDir, 'manifest.json'), '{not json');
    const garbled = await load();
    expect(garbled.fromCache).toBe(false);
    expect(garbled.size).toBe(13);
    garbled.close?.();
  });
});
