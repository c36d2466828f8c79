// The http tool's URL: a fixed origin and base path, with `{{arg}}` placeholders allowed only in
// the path (each value percent-encoded as one segment, never escaping the base path) and the query.
import { parseTemplate, placeholderValue, stringifyValue, type Template, type TemplateValues } from '../../templates.js';
import { RequestBuildError } from './request-error.js';

export interface QueryParamTemplate {
  readonly name: string;
  readonly value: Template;
}

export interface UrlTemplate {
  readonly origin: string;
  /** Path segments after the origin (the first is '' for the leading slash). */
  readonly segments: readonly Template[];
  /** Literal path prefix every rendered URL must keep (normalised by the URL parser). */
  readonly basePath: string;
  /** Query pairs written in the URL itself, in order. */
  readonly query: readonly QueryParamTemplate[];
  /** Placeholder names used in the path (they must always have a value). */
  readonly pathPlaceholders: readonly string[];
}

/** Thrown at config time; carries the reason shown in the ConfigIssue. */
export class UrlTemplateError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
    this.name = 'UrlTemplateError';
  }
}

const ABSOLUTE = /^(https?):\/\/([^/?#]*)(.*)$/is;

export function compileUrlTemplate(source: string): UrlTemplate {
  const m = ABSOLUTE.exec(source.trim());
  if (!m) throw new UrlTemplateError(`"${source}" is not an absolute http(s) URL.`, 'Write the full URL, e.g. https://api.example.com/v1/items/{{id}}.');
  const [, scheme = '', authority = '', rest = ''] = m;
  if (authority.includes('{{')) {
    throw new UrlTemplateError('Placeholders are not allowed in the scheme or host of the URL.', 'Put the host in the URL literally, or use ${ENV} interpolation for a configurable base URL.');
  }
  let originUrl: URL;
  try {
    originUrl = new URL(`${scheme}://${authority}/`);
  } catch {
    throw new UrlTemplateError(`"${source}" does not have a valid host.`);
  }
  if (originUrl.username || originUrl.password) throw new UrlTemplateError('Credentials in the URL are not allowed.', 'Send them in a header (with ${ENV} interpolation).');
  if (rest.includes('#')) throw new UrlTemplateError('URL fragments (#…) are never sent to the server; remove it.');
  const q = rest.indexOf('?');
  const pathSource = q === -1 ? rest : rest.slice(0, q);
  const querySource = q === -1 ? '' : rest.slice(q + 1);
  const segments = (pathSource === '' ? [''] : pathSource.startsWith('/') ? pathSource.split('/') : ['', ...pathSource.split('/')]).map(parseTemplate);
  const firstTemplated = segments.findIndex((s) => s.placeholders.length > 0);
  const literalSegments = firstTemplated === -1 ? segments : segments.slice(0, firstTemplated);
  const basePath = new URL(literalSegments.map((s) => s.source).join('/') + (firstTemplated === -1 ? '' : '/'), originUrl).pathname;
  return {
    origin: originUrl.origin,
    segments,
    basePath,
    query: parseQueryString(querySource),
    pathPlaceholders: [...new Set(segments.flatMap((s) => s.placeholders))],
  };
}

function parseQueryString(source: string): QueryParamTemplate[] {
  if (source === '') return [];
  return source.split('&').filter(Boolean).map((pair) => {
    const eq = pair.indexOf('=');
    const rawName = eq === -1 ? pair : pair.slice(0, eq);
    if (rawName.includes('{{')) throw new UrlTemplateError('Placeholders are not allowed in query parameter names.');
    const name = decodeQueryComponent(rawName);
    return { name, value: parseTemplate(eq === -1 ? '' : decodeQueryComponent(pair.slice(eq + 1))) };
  });
}

function decodeQueryComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw new UrlTemplateError(`Bad percent-encoding in the URL's query: "${text}".`);
  }
}

const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/**
 * Builds the path for one call. Every value is encoded as (part of) a single segment, so `/`,
 * `?`, `#` and `%` cannot change the URL's structure; a segment that would become `.` or `..`
 * or empty is refused, and the result must still start with the base path.
 */
export function renderPath(url: UrlTemplate, values: TemplateValues): string {
  const out: string[] = [];
  for (const segment of url.segments) {
    if (segment.placeholders.length === 0) {
      out.push(segment.source);
      continue;
    }
    let rendered = '';
    for (const part of segment.parts) {
      if (typeof part === 'string') {
        rendered += part;
        continue;
      }
      const value = placeholderValue(part, values);
      if (value === undefined) throw new RequestBuildError(`Argument "${part.name}" is needed to build the URL.`);
      rendered += encodeURIComponent(stringifyValue(value));
    }
    if (rendered === '') throw new RequestBuildError(`Arguments ${segment.placeholders.map((n) => `"${n}"`).join(', ')} make an empty URL path segment.`);
    if (DOT_SEGMENT.test(rendered)) throw new RequestBuildError(`Arguments ${segment.placeholders.map((n) => `"${n}"`).join(', ')} may not be "." or "..".`);
    out.push(rendered);
  }
  return out.join('/');
}
