// The `search` tool kind: ranked full-text search over a corpus, in ChatGPT's search/fetch shape.
import type { JsonSchema, ToolConfigBase } from '../../config/types.js';
import { LruCache } from '../lru-cache.js';
import type { Corpus } from '../corpus/types.js';
import { argumentName, corpusToolChecker, corpusProperty, corpusToolAnnotations, errorResult, isCorpus, jsonResult, openCorpus } from '../corpus/corpus-tool.js';
import type { BuildContext, CallToolResult, RuntimeTool, ToolKind } from './types.js';
import { toolDefinition } from './definition.js';

export const DEFAULT_SEARCH_LIMIT = 10;
export const MAX_SEARCH_LIMIT = 50;
// Queries longer than this are cut: each extra term costs a prefix and fuzzy walk of the index.
const MAX_QUERY_CHARS = 500;
/** Answers kept per search tool (a few hundred KB at most: ids, titles and URLs only). */
export const SEARCH_CACHE_ENTRIES = 1024;

const defaultInputSchema: JsonSchema = {
  type: 'object',
  properties: {
    query: { type: 'string', description: 'What to look for: keywords or a natural-language question.' },
  },
  required: ['query'],
  additionalProperties: false,
};

export const searchOutputSchema: JsonSchema = {
  type: 'object',
  properties: {
    results: {
      type: 'array',
      description: 'Matching documents, best first.',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string', description: 'Pass to fetch to read the document.' },
          title: { type: 'string' },
          url: { type: 'string', format: 'uri', description: 'Absolute http(s) URL to cite.' },
        },
        required: ['id', 'title', 'url'],
        additionalProperties: false,
      },
    },
  },
  required: ['results'],
  additionalProperties: false,
};

/**
 * Cached answers are shared by every caller, so none may change one. A corpus is immutable once
 * loaded, which is why an answer can be kept at all.
 */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

export const searchKind: ToolKind = {
  kind: 'search',
  schema: {
    properties: {
      corpus: corpusProperty,
      limit: {
        type: 'integer',
        minimum: 1,
        maximum: MAX_SEARCH_LIMIT,
        default: DEFAULT_SEARCH_LIMIT,
        description: `Most results returned per query (default ${DEFAULT_SEARCH_LIMIT}, at most ${MAX_SEARCH_LIMIT}).`,
      },
    },
    required: ['corpus'],
  },
  defaultAnnotations: corpusToolAnnotations,
  defaultInputSchema,
  check: corpusToolChecker('query'),

  async create(tool: ToolConfigBase, ctx: BuildContext): Promise<RuntimeTool> {
    const corpusName = String(tool.corpus);
    const limit = typeof tool.limit === 'number' ? Math.min(MAX_SEARCH_LIMIT, Math.max(1, Math.floor(tool.limit))) : DEFAULT_SEARCH_LIMIT;
    const queryKey = argumentName(tool.inputSchema, 'query');
    // Built (or loaded from cache) now, so a broken corpus fails the start, not the first call.
    await ctx.corpora.get(corpusName);
    // Keyed by the trimmed query; tied to the corpus object it was filled from, so a corpus that
    // is ever loaded anew starts with an empty cache.
    const cache = new LruCache<CallToolResult>(SEARCH_CACHE_ENTRIES);
    let cachedCorpus: Corpus | undefined;
    return {
      definition: toolDefinition(tool, searchOutputSchema),
      async call(args) {
        const raw = args[queryKey];
        const query = typeof raw === 'string' ? raw.trim().slice(0, MAX_QUERY_CHARS) : '';
        if (query === '') return errorResult(`The "${queryKey}" argument is empty: give some words to search for.`);
        const corpus = await openCorpus(ctx.corpora, corpusName);
        if (!isCorpus(corpus)) return corpus;
        if (corpus !== cachedCorpus) {
          cache.clear();
          cachedCorpus = corpus;
        }
        const cached = cache.get(query);
        if (cached) return cached;
        const results = corpus.search(query, limit).map(({ id, title, url }) => ({ id, title, url }));
        const answer = deepFreeze(jsonResult({ results }));
        cache.set(query, answer);
        return answer;
      },
    };
  },
};
