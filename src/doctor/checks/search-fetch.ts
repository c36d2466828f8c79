// search/fetch: the shapes deep research and company knowledge need (Developer Mode itself does not).
import { fail, pass, skip, warn, type Check, type DoctorContext, type ListedTool } from '../context.js';
import { parseJson, type RpcExchange } from '../http/mcp-wire.js';
import { request } from './tools.js';

function findTool(ctx: DoctorContext, name: string): ListedTool | undefined {
  return ctx.state.tools?.find((t) => t.name === name);
}

/** True when the schema declares `prop` as a string and requires it. */
function requiresString(schema: unknown, prop: string): boolean {
  if (typeof schema !== 'object' || schema === null) return false;
  const s = schema as { properties?: Record<string, { type?: unknown }>; required?: unknown };
  const type = s.properties?.[prop]?.type;
  const isString = type === 'string' || (Array.isArray(type) && type.includes('string'));
  return isString && Array.isArray(s.required) && s.required.includes(prop);
}

const STOP_WORDS = new Set(
  'search searches searching find finds look lookup query queries return returns result results document documents doc docs record records item items using with from that this which into about over your their there these those the and for are any all can use used when what where will relevant matching based text content information data tool tools best top given list'.split(' '),
);

/** A query word taken from the tool descriptions: the first long, specific word (e.g. "handbook"). */
export function deriveQuery(tools: readonly ListedTool[]): string {
  const search = tools.find((t) => t.name === 'search');
  const texts = [search?.description, ...tools.map((t) => t.description)].filter((d): d is string => typeof d === 'string');
  for (const text of texts) {
    const word = text.toLowerCase().match(/[a-z][a-z-]{3,}/g)?.find((w) => !STOP_WORDS.has(w));
    if (word) return word;
  }
  return 'help';
}

/** The tool result's payload: structuredContent and/or the single JSON text item. */
function payloads(result: Record<string, unknown>): { structured?: unknown; text?: unknown; textCount: number } {
  const content = Array.isArray(result.content) ? (result.content as { type?: unknown; text?: unknown }[]) : [];
  const texts = content.filter((c) => c.type === 'text' && typeof c.text === 'string');
  const text = texts.length >= 1 ? parseJson(texts[0]!.text as string) : undefined;
  return { structured: result.structuredContent, text, textCount: texts.length };
}

function isAbsoluteHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const u = new URL(value);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

async function call(ctx: DoctorContext, name: string, args: Record<string, unknown>): Promise<RpcExchange> {
  return request(ctx, 'tools/call', { name, arguments: args });
}

export const searchPresent: Check = {
  id: 'search.present',
  area: 'search',
  run(ctx) {
    if (!ctx.state.tools) return skip('tools/list did not succeed');
    const has = { search: !!findTool(ctx, 'search'), fetch: !!findTool(ctx, 'fetch') };
    if (has.search && has.fetch) return pass('search and fetch are present (deep research and company knowledge can use this server)');
    if (!has.search && !has.fetch) return skip('no search/fetch tools: fine for Developer Mode; deep research and company knowledge need both');
    const missing = has.search ? 'fetch' : 'search';
    return warn(`only ${has.search ? 'search' : 'fetch'} is present`, `add a ${missing} tool too; deep research and company knowledge need both`);
  },
};

export const searchInputs: Check = {
  id: 'search.input',
  area: 'search',
  run(ctx) {
    const search = findTool(ctx, 'search');
    const fetchTool = findTool(ctx, 'fetch');
    if (!search && !fetchTool) return skip('no search/fetch tools');
    const problems: string[] = [];
    if (search && !requiresString(search.inputSchema, 'query')) problems.push('search must take {"query": string} (required)');
    if (fetchTool && !requiresString(fetchTool.inputSchema, 'id')) problems.push('fetch must take {"id": string} (required)');
    if (problems.length) return fail(problems.join('; '), 'company knowledge checks these input signatures exactly: search({query: string}), fetch({id: string})');
    return pass('input signatures: search({query: string}), fetch({id: string})');
  },
};

export const searchResults: Check = {
  id: 'search.results',
  area: 'search',
  async run(ctx) {
    if (!findTool(ctx, 'search')) return skip('no search tool');
    const query = ctx.options.query ?? deriveQuery(ctx.state.tools ?? []);
    const exchange = await call(ctx, 'search', { query });
    const reply = exchange.reply;
    if (!reply) return fail(`search("${query}"): ${exchange.problem ?? 'no reply'}`, 'answer tools/call for search with a tool result');
    if (reply.error) return fail(`search("${query}") returned JSON-RPC error ${reply.error.code}: ${reply.error.message}`, 'make search succeed for plain text queries');
    const result = reply.result ?? {};
    if (result.isError === true) return fail(`search("${query}") returned isError: ${JSON.stringify(result.content ?? '').slice(0, 120)}`, 'make search succeed for plain text queries (or pass a better one with --query)');
    const { structured, text, textCount } = payloads(result);
    const candidates = [structured, text].filter((p) => p !== undefined);
    if (candidates.some((p) => Array.isArray(p))) {
      return fail(`search returns a bare array; clients expect {"results":[…]}`, 'wrap the list: return {"results":[{"id","title","url"}, …]} as structuredContent and as the JSON text item');
    }
    const payload = candidates.find((p): p is { results: unknown } => typeof p === 'object' && p !== null && 'results' in p);
    if (!payload) return fail(`search result has no {"results":[…]} in structuredContent or in a JSON text item`, 'return {"results":[{"id","title","url"}]} as structuredContent and mirror it as one JSON text item');
    if (!Array.isArray(payload.results)) return fail('"results" is not an array', 'return {"results":[…]}');
    const items = payload.results as Record<string, unknown>[];
    const badItems = items.filter((r) => typeof r !== 'object' || r === null || typeof r.id !== 'string' || typeof r.title !== 'string' || typeof r.url !== 'string');
    if (badItems.length) return fail(`${badItems.length} of ${items.length} results lack string id/title/url`, 'give every result {"id": string, "title": string, "url": string}');
    ctx.state.searchHits = { ids: items.map((r) => r.id as string), urls: items.map((r) => r.url) };
    const details = { query, count: items.length, structuredContent: structured !== undefined, textItem: text !== undefined };
    if (items.length === 0) return warn(`search("${query}") returned no results`, 'pass a query that matches your data with --query so fetch can be checked too', details);
    const found = `${items.length} result${items.length === 1 ? '' : 's'}`;
    if (structured === undefined) return pass(`search("${query}") → ${found} in the single JSON text item (older format; add structuredContent too)`, details);
    if (text === undefined || textCount !== 1) return warn(`search("${query}") → ${found} in structuredContent but not mirrored as one JSON text item`, 'also return the same object as exactly one {"type":"text","text":"<JSON>"} content item for older clients', details);
    return pass(`search("${query}") → ${found} in structuredContent and the JSON text item`, details);
  },
};

export const searchUrls: Check = {
  id: 'search.urls',
  area: 'search',
  run(ctx) {
    if (!findTool(ctx, 'search')) return skip('no search tool');
    const urls = ctx.state.searchHits?.urls ?? [];
    const relative = urls.filter((u) => !isAbsoluteHttpUrl(u));
    if (relative.length) return fail(`${relative.length} of ${urls.length} result URLs are not absolute http(s) URLs (e.g. ${JSON.stringify(relative[0])})`, 'return absolute URLs (https://…) for every result; set the corpus baseUrl if documents only have paths', { relative: relative.slice(0, 5) });
    if (urls.length === 0) return skip('no result URLs to inspect');
    return pass(urls.length === 1 ? 'the result URL is absolute' : `all ${urls.length} result URLs are absolute`);
  },
};

export const fetchDocument: Check = {
  id: 'search.fetch',
  area: 'search',
  async run(ctx) {
    if (!findTool(ctx, 'fetch')) return skip('no fetch tool');
    const id = ctx.state.searchHits?.ids[0];
    if (id === undefined) return skip('no search result id to fetch');
    const exchange = await call(ctx, 'fetch', { id });
    const reply = exchange.reply;
    if (!reply) return fail(`fetch("${id}"): ${exchange.problem ?? 'no reply'}`, 'answer tools/call for fetch with a tool result');
    if (reply.error) return fail(`fetch("${id}") returned JSON-RPC error ${reply.error.code}: ${reply.error.message}`, 'fetch must accept every id that search returns');
    const result = reply.result ?? {};
    if (result.isError === true) return fail(`fetch("${id}") returned isError`, 'fetch must accept every id that search returns');
    const { structured, text } = payloads(result);
    const doc = [structured, text].find((p): p is Record<string, unknown> => typeof p === 'object' && p !== null && !Array.isArray(p));
    if (!doc) return fail(`fetch("${id}") result has no document object in structuredContent or a JSON text item`, 'return {"id","title","text","url","metadata"?} as structuredContent and as one JSON text item');
    const missing = ['id', 'title', 'text', 'url'].filter((k) => typeof doc[k] !== 'string');
    if (missing.length) return fail(`fetch("${id}") document lacks string ${missing.join(', ')}`, 'return {"id","title","text","url"} (strings) and optionally "metadata" (object)');
    if (!isAbsoluteHttpUrl(doc.url)) return fail(`fetch("${id}") url is not absolute: ${JSON.stringify(doc.url)}`, 'return an absolute https URL for the document');
    if (doc.metadata !== undefined && (typeof doc.metadata !== 'object' || doc.metadata === null || Array.isArray(doc.metadata))) return fail('fetch metadata is not an object', 'make metadata an object of string values, or leave it out');
    return pass(`fetch("${id}") → "${String(doc.title).slice(0, 40)}" (${String(doc.text).length} characters)`);
  },
};

export const searchFetchChecks: readonly Check[] = [searchPresent, searchInputs, searchResults, searchUrls, fetchDocument];
