// Everything the http tool sends, compiled once from the tool entry: URL, query, headers, body.
// `build(args)` is the per-call step: it only substitutes values into precompiled parts.
import {
  looksLikeTemplate, parseTemplate, placeholderValue, renderTemplateIfComplete, stringifyValue,
  type Template, type TemplateValues,
} from '../../templates.js';
import { RequestBuildError } from './request-error.js';
import { compileUrlTemplate, renderPath, type QueryParamTemplate, type UrlTemplate } from './url-template.js';

export interface BuiltRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** A body template: JSON whose string leaves may be templates. */
type BodyNode =
  | { readonly kind: 'literal'; readonly value: unknown }
  | { readonly kind: 'text'; readonly template: Template }
  | { readonly kind: 'array'; readonly items: readonly BodyNode[] }
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string, BodyNode])[] };

/** Where each placeholder was written, relative to the tool entry (for config issues). */
export interface PlaceholderUse {
  readonly name: string;
  readonly path: readonly (string | number)[];
}

export interface RequestTemplate {
  readonly method: string;
  readonly url: UrlTemplate;
  readonly query: readonly QueryParamTemplate[];
  readonly headers: readonly (readonly [string, Template])[];
  readonly body?: BodyNode;
  readonly bodyEncoding: 'json' | 'form' | 'text' | 'none';
  readonly uses: readonly PlaceholderUse[];
}

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

// Set by the transport; letting the config set them would break framing or pinning.
const RESERVED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'te', 'trailer', 'proxy-connection']);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const UNSAFE_HEADER_VALUE = /[\r\n\0]/;

/** Config-time problem, located relative to the tool entry. */
export class RequestTemplateIssue extends Error {
  constructor(readonly path: readonly (string | number)[], message: string, readonly hint?: string) {
    super(message);
    this.name = 'RequestTemplateIssue';
  }
}

export interface RequestTemplateSource {
  readonly method?: unknown;
  readonly url?: unknown;
  readonly query?: unknown;
  readonly headers?: unknown;
  readonly body?: unknown;
}

/** Compiles the request parts; throws RequestTemplateIssue (with its location) on the first problem. */
export function compileRequestTemplate(entry: RequestTemplateSource): RequestTemplate {
  const uses: PlaceholderUse[] = [];
  const track = (template: Template, path: (string | number)[]): Template => {
    for (const name of template.placeholders) uses.push({ name, path });
    return template;
  };
  const at = <T>(path: (string | number)[], build: () => T): T => {
    try {
      return build();
    } catch (err) {
      if (err instanceof RequestTemplateIssue) throw err;
      const hint = (err as { hint?: string }).hint;
      throw new RequestTemplateIssue(path, err instanceof Error ? err.message : String(err), hint);
    }
  };

  const method = typeof entry.method === 'string' ? entry.method.toUpperCase() : 'GET';
  if (!(HTTP_METHODS as readonly string[]).includes(method)) {
    throw new RequestTemplateIssue(['method'], `Unsupported method "${String(entry.method)}".`, `Use one of ${HTTP_METHODS.join(', ')}.`);
  }
  if (typeof entry.url !== 'string') throw new RequestTemplateIssue(['url'], 'The http tool needs a `url`.');
  const urlSource = entry.url;
  const url = at(['url'], () => compileUrlTemplate(urlSource));
  for (const s of url.segments) track(s, ['url']);
  for (const q of url.query) track(q.value, ['url']);

  const query: QueryParamTemplate[] = [];
  for (const [name, raw] of Object.entries(asRecord(entry.query, ['query']))) {
    if (raw === null || typeof raw === 'object') throw new RequestTemplateIssue(['query', name], 'Query values must be strings, numbers or booleans.');
    const value = at(['query', name], () => parseTemplate(String(raw)));
    query.push({ name, value: track(value, ['query', name]) });
  }

  const headers: [string, Template][] = [];
  for (const [name, raw] of Object.entries(asRecord(entry.headers, ['headers']))) {
    const lower = name.toLowerCase();
    if (!HEADER_NAME.test(name)) throw new RequestTemplateIssue(['headers', name], `"${name}" is not a valid header name.`);
    if (RESERVED_HEADERS.has(lower)) throw new RequestTemplateIssue(['headers', name], `The ${name} header is set by the HTTP client and cannot be configured.`);
    if (typeof raw !== 'string' && typeof raw !== 'number') throw new RequestTemplateIssue(['headers', name], 'Header values must be strings.');
    const template = at(['headers', name], () => parseTemplate(String(raw)));
    if (UNSAFE_HEADER_VALUE.test(template.source)) throw new RequestTemplateIssue(['headers', name], 'Header values may not contain line breaks.');
    headers.push([lower, track(template, ['headers', name])]);
  }

  let body: BodyNode | undefined;
  let bodyEncoding: RequestTemplate['bodyEncoding'] = 'none';
  if (entry.body !== undefined) {
    if (method === 'GET' || method === 'HEAD') throw new RequestTemplateIssue(['body'], `A ${method} request cannot have a body.`, 'Use `query` for GET parameters, or change `method`.');
    body = compileBody(entry.body, ['body'], track, at);
    const contentType = headers.find(([n]) => n === 'content-type')?.[1].source.toLowerCase() ?? '';
    if (typeof entry.body === 'string') bodyEncoding = 'text';
    else if (contentType.startsWith('application/x-www-form-urlencoded')) bodyEncoding = 'form';
    else bodyEncoding = 'json';
    if (!headers.some(([n]) => n === 'content-type')) {
      const type = bodyEncoding === 'text' ? 'text/plain; charset=utf-8' : 'application/json';
      headers.push(['content-type', parseTemplate(type)]);
    }
  }
  if (!headers.some(([n]) => n === 'accept')) headers.push(['accept', parseTemplate('application/json, text/plain;q=0.9, */*;q=0.8')]);
  return { method, url, query, headers, ...(body ? { body } : {}), bodyEncoding, uses };
}

function asRecord(value: unknown, path: (string | number)[]): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new RequestTemplateIssue(path, 'Expected a map of names to values.');
  return value as Record<string, unknown>;
}

function compileBody(
  value: unknown,
  path: (string | number)[],
  track: (t: Template, p: (string | number)[]) => Template,
  at: <T>(p: (string | number)[], build: () => T) => T,
): BodyNode {
  if (typeof value === 'string') {
    if (!looksLikeTemplate(value)) return { kind: 'literal', value };
    return { kind: 'text', template: track(at(path, () => parseTemplate(value)), path) };
  }
  if (Array.isArray(value)) return { kind: 'array', items: value.map((v, i) => compileBody(v, [...path, i], track, at)) };
  if (value !== null && typeof value === 'object') {
    return { kind: 'object', entries: Object.entries(value).map(([k, v]) => [k, compileBody(v, [...path, k], track, at)] as const) };
  }
  return { kind: 'literal', value };
}

/** Per call: substitute argument values; throws RequestBuildError for arguments that cannot be used. */
export function buildRequest(template: RequestTemplate, values: TemplateValues): BuiltRequest {
  const path = renderPath(template.url, values);
  const url = new URL(template.url.origin + path);
  if (!url.pathname.startsWith(template.url.basePath)) throw new RequestBuildError('The arguments would move the request outside the configured base path.');
  const params = url.searchParams;
  for (const q of template.url.query) appendParam(params, q, values);
  for (const q of template.query) appendParam(params, q, values);

  const headers: Record<string, string> = {};
  for (const [name, t] of template.headers) {
    const value = renderTemplateIfComplete(t, values);
    if (value === undefined) continue; // optional argument not given: header omitted
    if (UNSAFE_HEADER_VALUE.test(value)) throw new RequestBuildError(`An argument used in the ${name} header contains a line break.`);
    headers[name] = value;
  }

  let body: string | undefined;
  if (template.body) {
    const value = renderBody(template.body, values);
    if (template.bodyEncoding === 'text') body = stringifyValue(value);
    else if (template.bodyEncoding === 'form') body = formEncode(value);
    else body = JSON.stringify(value ?? null);
  }
  return { url: url.href, method: template.method, headers, ...(body !== undefined ? { body } : {}) };
}

function appendParam(params: URLSearchParams, q: QueryParamTemplate, values: TemplateValues): void {
  const sole = q.value.sole;
  if (sole) {
    const value = placeholderValue(sole, values);
    if (value === undefined) return; // optional argument not given: parameter omitted, not sent empty
    if (Array.isArray(value)) {
      for (const item of value) params.append(q.name, stringifyValue(item));
      return;
    }
    params.append(q.name, stringifyValue(value));
    return;
  }
  const rendered = renderTemplateIfComplete(q.value, values);
  if (rendered !== undefined) params.append(q.name, rendered);
}

const OMIT = Symbol('omit');

function renderBody(node: BodyNode, values: TemplateValues): unknown {
  const v = renderNode(node, values);
  return v === OMIT ? undefined : v;
}

function renderNode(node: BodyNode, values: TemplateValues): unknown {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'text': {
      // A leaf that is exactly {{arg}} keeps the argument's JSON type.
      if (node.template.sole) return placeholderValue(node.template.sole, values) ?? OMIT;
      return renderTemplateIfComplete(node.template, values) ?? OMIT;
    }
    case 'array':
      return node.items.map((item) => {
        const v = renderNode(item, values);
        return v === OMIT ? null : v;
      });
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, child] of node.entries) {
        const v = renderNode(child, values);
        if (v !== OMIT) out[key] = v;
      }
      return out;
    }
  }
}

function formEncode(value: unknown): string {
  const params = new URLSearchParams();
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (Array.isArray(v)) for (const item of v) params.append(k, stringifyValue(item));
      else if (v !== undefined && v !== null) params.append(k, stringifyValue(v));
    }
  }
  return params.toString();
}
