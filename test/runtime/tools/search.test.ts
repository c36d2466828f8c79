// The `search` tool kind: OpenAI connector result shape, limits, empty queries, schema and config checks.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { createCorpusProvider } from '../../../src/runtime/corpus/provider.js';
import { LruCache } from '../../../src/runtime/lru-cache.js';
import type { Corpus, SearchHit } from '../../../src/runtime/corpus/types.js';
import { SEARCH_CACHE_ENTRIES, searchKind } from '../../../src/runtime/tools/search.js';
import { makeConfig } from '../../fixtures/corpus/make-config.js';
import { useCorpusTool } from '../../fixtures/corpus/tool-harness.js';

const h = useCorpusTool(searchKind, { cache: false });
const { ctx, logger, entry } = h;

describe('search tool kind', () => {
  it('declares the read-only annotations, the {query} input schema and an output schema', () => {
    expect(searchKind.defaultAnnotations).toEqual({ readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false });
    expect(searchKind.defaultInputSchema).toEqual({
      type: 'object',
      properties: { query: { type: 'string', description: expect.any(String) } },
      required: ['query'],
      additionalProperties: false,
    });
    expect(searchKind.schema.required).toEqual(['corpus']);
    expect(searchKind.schema.properties.limit).toMatchObject({ default: 10, maximum: 50 });
    expect(h.tool.definition).toMatchObject({ name: 'search', description: 'The search tool.', annotations: { readOnlyHint: true } });
    expect(h.tool.definition.outputSchema).toMatchObject({ required: ['results'] });
  });

  it('returns {"results":[{id,title,url}]} as structuredContent and the same JSON as one text item', async () => {
    const result = await h.tool.call({ query: 'refund' }, ctx);
    expect(result.isError).toBeUndefined();
    const structured = result.structuredContent as { results: Record<string, unknown>[] };
    expect(Object.keys(structured)).toEqual(['results']);
    expect(structured.results[0]).toEqual({ id: 'refunds', title: 'Refunds and money back', url: 'https://help.acme.example/articles/refunds' });
    for (const hit of structured.results) {
      expect(Object.keys(hit).sort()).toEqual(['id', 'title', 'url']);
      expect(hit.url).toMatch(/^https?:\/\//);
    }
    expect(result.content).toEqual([{ type: 'text', text: JSON.stringify(structured) }]);
    const validate = new Ajv2020({ strict: false }).compile(h.tool.definition.outputSchema as object);
    expect(validate(structured)).toBe(true);
  });

  it('finds documents through typos and prefixes', async () => {
    const typo = (await h.tool.call({ query: 'refnud' }, ctx)).structuredContent as { results: { id: string }[] };
    expect(typo.results.map((r) => r.id)).toContain('refunds');
    const prefix = (await h.tool.call({ query: 'subscr' }, ctx)).structuredContent as { results: { id: string }[] };
    expect(prefix.results[0]?.id).toBe('faq-subscription');
  });

  it('answers an empty result list when nothing matches', async () => {
    const result = await h.tool.call({ query: 'xylophone' }, ctx);
    expect(result.structuredContent).toEqual({ results: [] });
    expect(result.content).toEqual([{ type: 'text', text: '{"results":[]}' }]);
  });

  it('refuses an empty or blank query with an isError result', async () => {
    for (const query of ['', '   ']) {
      const result = await h.tool.call({ query }, ctx);
      expect(result.isError).toBe(true);
      expect(result.structuredContent).toBeUndefined();
      expect((result.content[0] as { text: string }).text).toContain('"query" argument is empty');
    }
  });

  it('honours the configured limit', async () => {
    const config = makeConfig(h.dir);
    const limited = await searchKind.create(entry({ limit: 2 }), { config, logger, corpora: h.provider });
    const result = (await limited.call({ query: 'shipping refund warranty days' }, ctx)).structuredContent as { results: unknown[] };
    expect(result.results).toHaveLength(2);
  });

  it('reads a renamed query argument from a custom input schema', async () => {
    const config = makeConfig(h.dir);
    const custom = await searchKind.create(entry({ inputSchema: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] } }), { config, logger, corpora: h.provider });
    const result = (await custom.call({ q: 'warranty' }, ctx)).structuredContent as { results: { id: string }[] };
    expect(result.results[0]?.id).toBe('policy-warranty');
  });

  it('reports a corpus that is not declared, at tools[i].corpus', () => {
    const config = makeConfig(h.dir);
    expect(searchKind.check!(entry(), config, 0)).toEqual([]);
    const issues = searchKind.check!(entry({ corpus: 'handbok' }), config, 3);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: ['tools', 3, 'corpus'], hint: 'Use one of: handbook' });
    expect(issues[0]!.message).toContain('"handbok"');
  });

  it('reports an input schema without an argument to read the query from', () => {
    const bad = entry({ inputSchema: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } } } });
    expect(searchKind.check!(bad, makeConfig(h.dir), 2)).toEqual([expect.objectContaining({ path: ['tools', 2, 'inputSchema'] })]);
  });

  it('fails at creation when the corpus cannot be built', async () => {
    const config = makeConfig(h.dir, { handbook: { name: 'handbook', sources: [{ path: 'nope/*.md' }] } });
    const broken = createCorpusProvider(config, { logger, cache: false });
    await expect(searchKind.create(entry(), { config, logger, corpora: broken })).rejects.toMatchObject({ code: 'CORPUS_NO_FILES' });
  });

  it('answers a repeated query from its cache with the same frozen answer', async () => {
    const first = await h.tool.call({ query: 'refund' }, ctx);
    const again = await h.tool.call({ query: '  refund ' }, ctx);
    expect(again).toBe(first);
    expect(Object.isFrozen(first.structuredContent)).toBe(true);
    expect(() => (first.structuredContent as { results: unknown[] }).results.push({})).toThrow(TypeError);
  });
});

describe('search answer cache', () => {
  /** A corpus that counts how often it is searched (the index itself is tested in test/runtime/corpus). */
  function countingCorpus(name: string): Corpus & { searches: number } {
    return {
      name,
      size: 1,
      searches: 0,
      search(query: string): SearchHit[] {
        this.searches += 1;
        return [{ id: `${name}:${query}`, title: query, url: `https://example.com/${name}`, score: 1 }];
      },
      get: () => undefined,
      list: () => [],
    };
  }

  it('searches the index once per distinct query, and anew for a corpus loaded again', async () => {
    let corpus = countingCorpus('one');
    const tool = await searchKind.create(entry(), { config: makeConfig(h.dir), logger, corpora: { get: async () => corpus } });
    for (let i = 0; i < 3; i++) await tool.call({ query: 'refund' }, ctx);
    await tool.call({ query: 'shipping' }, ctx);
    expect(corpus.searches).toBe(2);
    const reloaded = countingCorpus('two');
    corpus = reloaded;
    const result = await tool.call({ query: 'refund' }, ctx);
    expect(reloaded.searches).toBe(1);
    expect((result.structuredContent as { results: { id: string }[] }).results[0]?.id).toBe('two:refund');
  });

  it('keeps at most SEARCH_CACHE_ENTRIES answers, dropping the least recently used', async () => {
    const corpus = countingCorpus('one');
    const tool = await searchKind.create(entry(), { config: makeConfig(h.dir), logger, corpora: { get: async () => corpus } });
    for (let i = 0; i <= SEARCH_CACHE_ENTRIES; i++) await tool.call({ query: `q${i}` }, ctx);
    expect(corpus.searches).toBe(SEARCH_CACHE_ENTRIES + 1);
    await tool.call({ query: `q${SEARCH_CACHE_ENTRIES}` }, ctx); // newest: still cached
    expect(corpus.searches).toBe(SEARCH_CACHE_ENTRIES + 1);
    await tool.call({ query: 'q0' }, ctx); // oldest: evicted, searched again
    expect(corpus.searches).toBe(SEARCH_CACHE_ENTRIES + 2);
  });
});

describe('LruCache', () => {
  it('evicts the least recently used entry, counting reads as uses', () => {
    const cache = new LruCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    cache.set('c', 30); // replacing does not grow the cache
    expect(cache.size).toBe(2);
    expect(cache.get('c')).toBe(30);
  });
});
