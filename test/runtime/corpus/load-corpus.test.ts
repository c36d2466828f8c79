// Corpus loading from every source format: ids, titles, metadata, absolute URLs, ranking, and load errors.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../../src/runtime/corpus/load-corpus.js';
import { CorpusError } from '../../../src/runtime/corpus/errors.js';
import type { Corpus } from '../../../src/runtime/corpus/types.js';
import { silentLogger } from '../../../src/runtime/logger.js';
import { copyFixture, HANDBOOK } from '../../fixtures/corpus/make-config.js';

const logger = silentLogger();
let dir: string;
let corpus: Corpus;

beforeAll(async () => {
  dir = copyFixture();
  corpus = await loadCorpus(HANDBOOK, { baseDir: dir, logger, cache: false });
});
afterAll(() => {
  corpus.close?.();
  rmSync(dir, { recursive: true, force: true });
});

describe('loading a corpus from Markdown, text, JSON, JSONL and CSV', () => {
  it('reads every document of every source, in source order', () => {
    expect(corpus.size).toBe(11);
    expect(corpus.list(0, 100).map((d) => d.id)).toEqual([
      'guides/two-step', 'refunds', 'shipping', 'warehouse-notes',
      'faq-refund-time', 'faq-password', 'faq-subscription',
      'policy-warranty', 'policy-returns',
      'anvil-100', 'skates-r2',
    ].map((id) => (id === 'guides/two-step' ? 'two-step-verification' : id)));
  });

  it('takes Markdown titles from front matter, else the first heading, else the file name', () => {
    expect(corpus.get('refunds')?.title).toBe('Refunds and money back');
    expect(corpus.get('shipping')?.title).toBe('Shipping times');
    expect(corpus.get('two-step-verification')?.title).toBe('two-step');
    expect(corpus.get('warehouse-notes')?.title).toBe('warehouse-notes');
  });

  it('keeps other front-matter keys and mapped fields as metadata', () => {
    expect(corpus.get('refunds')?.metadata).toEqual({ category: 'payments', tags: ['refund', 'money'] });
    expect(corpus.get('shipping')?.metadata).toBeUndefined();
    expect(corpus.get('faq-password')?.metadata).toEqual({ category: 'account' });
    expect(corpus.get('policy-returns')).toEqual({
      id: 'policy-returns',
      title: 'Returns, exchanges and swaps',
      text: 'Unused items may be returned within 30 days. Return shipping is free for damaged items.',
      url: 'https://help.acme.example/articles/policy-returns',
      metadata: { owner: 'Customer Care', updated: '2026-09-14' },
    });
    expect(corpus.get('anvil-100')).toMatchObject({ title: 'Anvil, 100 lb', metadata: { color: 'black' } });
  });

  it('gives every document an absolute http(s) URL', () => {
    const urls = Object.fromEntries(corpus.list(0, 100).map((d) => [d.id, d.url]));
    expect(urls['faq-refund-time']).toBe('https://help.acme.example/faq/refund-time');
    expect(urls['faq-password']).toBe('https://help.acme.example/articles/faq/password');
    expect(urls['faq-subscription']).toBe('https://help.acme.example/articles/faq-subscription');
    expect(urls['two-step-verification']).toBe('https://security.acme.example/2fa');
    expect(urls.refunds).toBe('https://help.acme.example/articles/refunds');
    for (const url of Object.values(urls)) expect(url).toMatch(/^https?:\/\/[^/]+\//);
  });

  it('falls back to server.publicUrl/docs/<id> without a corpus baseUrl', async () => {
    const noBase = { ...HANDBOOK, baseUrl: undefined };
    const viaPublic = await loadCorpus(noBase, { baseDir: dir, logger, cache: false, publicUrl: 'https://mcp.acme.example' });
    expect(viaPublic.get('refunds')?.url).toBe('https://mcp.acme.example/docs/refunds');
    expect(viaPublic.get('faq-refund-time')?.url).toBe('https://help.acme.example/faq/refund-time');
  });

  it('explains which key to set when a document can have no absolute URL', async () => {
    const noBase = { ...HANDBOOK, baseUrl: undefined };
    const failure = await loadCorpus(noBase, { baseDir: dir, logger, cache: false }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CorpusError);
    expect((failure as CorpusError).code).toBe('CORPUS_NO_URL');
    expect((failure as CorpusError).hint).toContain('corpora.handbook.baseUrl');
    expect((failure as CorpusError).hint).toContain('server.publicUrl');
  });
});

describe('searching a corpus', () => {
  it('ranks the obviously best document first', () => {
    expect(corpus.search('refund', 5)[0]?.id).toBe('refunds');
    expect(corpus.search('shipping times', 5)[0]?.id).toBe('shipping');
    expect(corpus.search('reset password', 5)[0]?.id).toBe('faq-password');
    expect(corpus.search('rocket skates', 5)[0]?.id).toBe('skates-r2');
  });

  it('matches word prefixes', () => {
    expect(corpus.search('subscr', 5).map((h) => h.id)).toContain('faq-subscription');
    expect(corpus.search('authentic', 5)[0]?.id).toBe('two-step-verification');
  });

  it('tolerates typos without letting them outrank exact matches', () => {
    const typo = corpus.search('refnud', 5).map((h) => h.id);
    expect(typo.slice(0, 2).sort()).toEqual(['faq-refund-time', 'refunds']);
    expect(corpus.search('warranty', 5)[0]?.id).toBe('policy-warranty');
    expect(corpus.search('warrenty', 5)[0]?.id).toBe('policy-warranty');
  });

  it('returns hits with id, title, url and a score, limited and best first', () => {
    const hits = corpus.search('shipping', 2);
    expect(hits).toHaveLength(2);
    expect(Object.keys(hits[0]!).sort()).toEqual(['id', 'score', 'title', 'url']);
    expect(hits[0]!.score).toBeGreaterThanOrEqual(hits[1]!.score);
    expect(corpus.search('zzzzqqq', 5)).toEqual([]);
  });

  it('answers undefined for an unknown id', () => {
    expect(corpus.get('no-such-doc')).toBeUndefined();
  });
});

describe('load errors', () => {
  it('names both sources of a duplicate id', async () => {
    writeFileSync(join(dir, 'dupes.jsonl'), '{"id":"refunds","title":"Again","text":"x"}\n');
    const config = { ...HANDBOOK, sources: [...HANDBOOK.sources, { path: 'dupes.jsonl' }] };
    const failure = await loadCorpus(config, { baseDir: dir, logger, cache: false }).catch((e: unknown) => e) as CorpusError;
    expect(failure.code).toBe('CORPUS_DUPLICATE_ID');
    expect(failure.message).toContain('articles/refunds.md');
    expect(failure.message).toContain('dupes.jsonl:1');
    rmSync(join(dir, 'dupes.jsonl'));
  });

  it('refuses document urls that do not resolve to http(s)', async () => {
    writeFileSync(join(dir, 'evil.jsonl'), '{"id":"x","text":"x","url":"javascript:alert(1)"}\n');
    const failure = await loadCorpus({ name: 'evil', baseUrl: 'https://x.example/', sources: [{ path: 'evil.jsonl' }] }, { baseDir: dir, logger, cache: false })
      .catch((e: unknown) => e) as CorpusError;
    expect(failure.code).toBe('CORPUS_NO_URL');
    expect(failure.message).toContain('evil.jsonl:1');
    rmSync(join(dir, 'evil.jsonl'));
  });

  it('says when a source matches no files', async () => {
    const config = { ...HANDBOOK, sources: [{ path: 'missing/*.md' }] };
    const failure = await loadCorpus(config, { baseDir: dir, logger, cache: false }).catch((e: unknown) => e) as CorpusError;
    expect(failure.code).toBe('CORPUS_NO_FILES');
    expect(failure.message).toContain('missing/*.md');
  });

  it('locates a bad JSONL line and a record without its mapped text field', async () => {
    writeFileSync(join(dir, 'bad.jsonl'), '{"id":"a","text":"ok"}\n{oops\n');
    let failure = await loadCorpus({ name: 'bad', baseUrl: 'https://x.example/', sources: [{ path: 'bad.jsonl' }] }, { baseDir: dir, logger, cache: false })
      .catch((e: unknown) => e) as CorpusError;
    expect(failure.code).toBe('CORPUS_BAD_RECORD');
    expect(failure.message).toContain('bad.jsonl:2');
    failure = await loadCorpus({ name: 'bad', baseUrl: 'https://x.example/', sources: [{ path: 'policies.csv', fields: { id: 'slug', text: 'content' } }] }, { baseDir: dir, logger, cache: false })
      .catch((e: unknown) => e) as CorpusError;
    expect(failure.message).toBe('policies.csv row 2: record "policy-warranty" has no "content" field for its text.');
    rmSync(join(dir, 'bad.jsonl'));
  });
});
