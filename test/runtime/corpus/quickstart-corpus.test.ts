// The quickstart's sample corpus loads with the field mappings its mcp.yaml declares, and answers sensible searches.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { CorpusConfig } from '../../../src/config/types.js';
import { loadCorpus } from '../../../src/runtime/corpus/load-corpus.js';
import { silentLogger } from '../../../src/runtime/logger.js';

const quickstart = join(dirname(fileURLToPath(import.meta.url)), '../../../examples/quickstart');

describe('examples/quickstart corpus', () => {
  it('loads every article, FAQ entry and policy with absolute URLs and finds the obvious ones', async () => {
    const yaml = parse(readFileSync(join(quickstart, 'mcp.yaml'), 'utf8')) as { corpora: Record<string, CorpusConfig> };
    const corpus = await loadCorpus({ ...yaml.corpora.handbook!, name: 'handbook' }, { baseDir: quickstart, logger: silentLogger(), cache: false });
    expect(corpus.size).toBe(8 + 8 + 5);
    for (const doc of corpus.list(0, 100)) {
      expect(doc.url).toMatch(/^https:\/\//);
      expect(doc.title.length).toBeGreaterThan(0);
      expect(doc.text.length).toBeGreaterThan(20);
    }
    expect(corpus.get('privacy')?.url).toBe('https://www.acme.example/legal/privacy');
    expect(corpus.get('gift-cards')?.title).toBe('Gift cards');
    expect(corpus.get('faq-vat-invoice')).toMatchObject({ url: 'https://help.acme.example/faq/vat-invoice', metadata: { category: 'payments' } });
    expect(corpus.get('policy-warranty')).toMatchObject({ url: 'https://help.acme.example/articles/policy-warranty', metadata: { owner: 'Quality', updated: '2026-03-22' } });
    expect(corpus.search('refund', 3)[0]?.id).toBe('refunds');
    expect(corpus.search('refnud', 3).map((h) => h.id)).toContain('refunds');
    expect(corpus.search('shipping costs', 3)[0]?.id).toBe('shipping');
    expect(corpus.search('two-step verification', 3)[0]?.id).toBe('account-security');
    expect(corpus.search('price match', 3)[0]?.id).toBe('policy-price-match');
  });
});
