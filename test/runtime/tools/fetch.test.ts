// The `fetch` tool kind: OpenAI connector document shape, metadata, unknown ids and schema.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';

import { fetchKind } from '../../../src/runtime/tools/fetch.js';
import { makeConfig } from '../../fixtures/corpus/make-config.js';
import { useCorpusTool } from '../../fixtures/corpus/tool-harness.js';

const h = useCorpusTool(fetchKind);
const { ctx, logger, entry } = h;

describe('fetch tool kind', () => {
  it('declares the read-only annotations, the {id} input schema and an output schema', () => {
    expect(fetchKind.defaultAnnotations).toEqual({ readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false });
    expect(fetchKind.defaultInputSchema).toEqual({
      type: 'object',
      properties: { id: { type: 'string', description: expect.any(String) } },
      required: ['id'],
      additionalProperties: false,
    });
    expect(fetchKind.schema.required).toEqual(['corpus']);
    expect(h.tool.definition.outputSchema).toMatchObject({ required: ['id', 'title', 'text', 'url'] });
  });

  it('returns {id,title,text,url,metadata} as structuredContent and the same JSON as one text item', async () => {
    const result = await h.tool.call({ id: 'policy-warranty' }, ctx);
    expect(result.isError).toBeUndefined();
    expect(result.structuredContent).toEqual({
      id: 'policy-warranty',
      title: 'Warranty',
      text: 'Two-year warranty against manufacturing defects, including the rocket skates.',
      url: 'https://help.acme.example/articles/policy-warranty',
      metadata: { owner: 'Quality', updated: '2026-03-22' },
    });
    expect(result.content).toEqual([{ type: 'text', text: JSON.stringify(result.structuredContent) }]);
    const validate = new Ajv2020({ strict: false }).compile(h.tool.definition.outputSchema as object);
    expect(validate(result.structuredContent)).toBe(true);
  });

  it('omits metadata when a document has none', async () => {
    const result = await h.tool.call({ id: 'shipping' }, ctx);
    expect(Object.keys(result.structuredContent!)).toEqual(['id', 'title', 'text', 'url']);
    expect(result.structuredContent).toMatchObject({ title: 'Shipping times', url: 'https://help.acme.example/articles/shipping' });
    expect((result.structuredContent as { text: string }).text).toContain('Standard shipping takes 3 to 5 business days.');
  });

  it('reads every id that search can return', async () => {
    const corpus = await h.provider.get('handbook');
    for (const doc of corpus.list(0, 100)) {
      const result = await h.tool.call({ id: doc.id }, ctx);
      expect(result.isError).toBeUndefined();
      expect((result.structuredContent as { url: string }).url).toMatch(/^https?:\/\//);
    }
  });

  it('answers an unknown id with an isError result naming it', async () => {
    const result = await h.tool.call({ id: 'no-such-article' }, ctx);
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
    expect((result.content[0] as { text: string }).text).toContain('"no-such-article"');
    const empty = await h.tool.call({ id: ' ' }, ctx);
    expect(empty.isError).toBe(true);
  });

  it('reports a corpus that is not declared, at tools[i].corpus', () => {
    const issues = fetchKind.check!(entry({ corpus: 'other' }), makeConfig(h.dir), 1);
    expect(issues.map((i) => i.path)).toEqual([['tools', 1, 'corpus']]);
  });
});
