// The `fetch` tool kind: one corpus document in full by id, in ChatGPT's search/fetch shape.
import type { JsonSchema, ToolConfigBase } from '../../config/types.js';
import { argumentName, corpusToolChecker, corpusProperty, corpusToolAnnotations, errorResult, isCorpus, jsonResult, openCorpus } from '../corpus/corpus-tool.js';
import type { BuildContext, RuntimeTool, ToolKind } from './types.js';
import { toolDefinition } from './definition.js';

const defaultInputSchema: JsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', description: 'The id of a document, as returned by search.' },
  },
  required: ['id'],
  additionalProperties: false,
};

export const fetchOutputSchema: JsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    title: { type: 'string' },
    text: { type: 'string', description: 'The full document text.' },
    url: { type: 'string', format: 'uri', description: 'Absolute http(s) URL to cite.' },
    metadata: { type: 'object', description: 'Extra fields of the document (front matter or mapped columns).' },
  },
  required: ['id', 'title', 'text', 'url'],
  additionalProperties: false,
};

export const fetchKind: ToolKind = {
  kind: 'fetch',
  schema: {
    properties: { corpus: corpusProperty },
    required: ['corpus'],
  },
  defaultAnnotations: corpusToolAnnotations,
  defaultInputSchema,
  check: corpusToolChecker('id'),

  async create(tool: ToolConfigBase, ctx: BuildContext): Promise<RuntimeTool> {
    const corpusName = String(tool.corpus);
    const idKey = argumentName(tool.inputSchema, 'id');
    // Built (or loaded from cache) now, so a broken corpus fails the start, not the first call.
    await ctx.corpora.get(corpusName);
    return {
      definition: toolDefinition(tool, fetchOutputSchema),
      async call(args) {
        const raw = args[idKey];
        const id = typeof raw === 'string' ? raw.trim() : '';
        if (id === '') return errorResult(`The "${idKey}" argument is empty: pass an id that search returned.`);
        const corpus = await openCorpus(ctx.corpora, corpusName);
        if (!isCorpus(corpus)) return corpus;
        const doc = corpus.get(id);
        if (!doc) return errorResult(`No document with id "${id}" in corpus "${corpusName}". Use search to find valid ids.`);
        const { text, metadata } = doc;
        return jsonResult(metadata && Object.keys(metadata).length > 0
          ? { id: doc.id, title: doc.title, text, url: doc.url, metadata }
          : { id: doc.id, title: doc.title, text, url: doc.url });
      },
    };
  },
};
