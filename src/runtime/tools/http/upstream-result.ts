// Turns an upstream HTTP response into the MCP tool result: JSON → structuredContent + JSON text,
// text → text, failures → isError results with the status and a short excerpt of the body.
import type jsonata from 'jsonata';
import type { GuardedResponse } from '../../net/index.js';
import { redactUrl } from '../../net/index.js';
import type { CallToolResult } from '../types.js';

const EXCERPT_CHARS = 300;

export interface ResultShaping {
  readonly transform?: jsonata.Expression;
  readonly maxBytes: number;
}

export function errorResult(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

/** `GET https://host/path` with the query left out (it may carry keys). */
export function describeRequest(method: string, url: string): string {
  return `${method} ${redactUrl(url)}`;
}

export function statusFailure(res: GuardedResponse, method: string, note?: string): CallToolResult {
  const excerpt = bodyExcerpt(res);
  const reason = res.statusText ? ` ${res.statusText}` : '';
  const lines = [`Upstream answered ${res.status}${reason} to ${describeRequest(method, res.url)}.`];
  if (note) lines.push(note);
  if (excerpt) lines.push(`Response body: ${excerpt}`);
  return errorResult(lines.join('\n'));
}

function bodyExcerpt(res: GuardedResponse): string {
  if (!isTextual(res.mediaType)) return res.body.length ? `(${res.body.length} bytes of ${res.mediaType || 'binary data'})` : '';
  const text = res.text().replace(/\s+/g, ' ').trim();
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
}

export function isJsonMediaType(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

function isTextual(mediaType: string): boolean {
  return (
    mediaType === '' ||
    mediaType.startsWith('text/') ||
    isJsonMediaType(mediaType) ||
    mediaType.endsWith('+xml') ||
    ['application/xml', 'application/javascript', 'application/x-www-form-urlencoded', 'application/x-ndjson', 'application/yaml'].includes(mediaType)
  );
}

/** A 2xx/3xx response as the tool's result. */
export async function successResult(res: GuardedResponse, method: string, shaping: ResultShaping, args: Record<string, unknown>): Promise<CallToolResult> {
  const truncatedNote = `[Truncated: the response was larger than ${shaping.maxBytes} bytes (maxBytes); only the beginning is shown.]`;
  if (res.body.length === 0) {
    if (shaping.transform) return shape(await runTransform(shaping.transform, null, args));
    return { content: [{ type: 'text', text: `Upstream answered ${res.status} with an empty body.` }] };
  }
  const text = isTextual(res.mediaType) ? res.text() : undefined;
  const declaredJson = isJsonMediaType(res.mediaType);
  // Without a content type, a body that starts like JSON is read as JSON (many APIs forget the header).
  const sniffedJson = res.mediaType === '' && text !== undefined && /^\s*[[{]/.test(text);
  if (declaredJson || sniffedJson) {
    if (res.truncated) {
      return errorResult(`The JSON response to ${describeRequest(method, res.url)} was larger than ${shaping.maxBytes} bytes (maxBytes) and was cut off, so it cannot be parsed. Narrow the request (e.g. a smaller limit) or raise the tool's maxBytes.`);
    }
    let data: unknown;
    try {
      data = JSON.parse(text ?? '');
    } catch (err) {
      if (declaredJson) {
        const excerpt = (text ?? '').replace(/\s+/g, ' ').trim().slice(0, EXCERPT_CHARS);
        return errorResult(`Upstream declared JSON but sent malformed JSON (${(err as Error).message}). Response body: ${excerpt}`);
      }
      return textResult(text ?? '', res.truncated, truncatedNote);
    }
    return shape(shaping.transform ? await runTransform(shaping.transform, data, args) : { ok: true, value: data });
  }
  if (text === undefined) {
    if (res.mediaType.startsWith('image/') && !res.truncated) {
      return { content: [{ type: 'image', data: res.body.toString('base64'), mimeType: res.mediaType }] };
    }
    return { content: [{ type: 'text', text: `Upstream sent ${res.body.length}${res.truncated ? '+' : ''} bytes of ${res.mediaType}, which is not shown as text.` }] };
  }
  if (shaping.transform) {
    if (res.truncated) return errorResult(`${truncatedNote} The transform was not run on a partial body.`);
    return shape(await runTransform(shaping.transform, text, args));
  }
  return textResult(text, res.truncated, truncatedNote);
}

function textResult(text: string, truncated: boolean, note: string): CallToolResult {
  return { content: [{ type: 'text', text: truncated ? `${text}\n\n${note}` : text }] };
}

type TransformOutcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

async function runTransform(expression: jsonata.Expression, input: unknown, args: Record<string, unknown>): Promise<TransformOutcome> {
  try {
    // `$args` lets the transform echo or use the call's arguments.
    const value: unknown = await expression.evaluate(input, { args });
    return { ok: true, value: value === undefined ? null : normaliseJsonataValue(value) };
  } catch (err) {
    const e = err as { message?: string; code?: string; position?: number };
    const where = typeof e.position === 'number' ? ` at position ${e.position}` : '';
    return { ok: false, message: `The tool's transform failed${where}: ${e.message ?? String(err)}${e.code ? ` (${e.code})` : ''}.` };
  }
}

// JSONata marks its result sequences with extra properties; a JSON round trip gives plain data.
function normaliseJsonataValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/** Objects become structuredContent as they are; arrays are wrapped as {items}; scalars stay text. */
function shape(outcome: TransformOutcome): CallToolResult {
  if (!outcome.ok) return errorResult(outcome.message);
  const value = outcome.value;
  if (Array.isArray(value)) {
    const structured = { items: value };
    return { content: [{ type: 'text', text: JSON.stringify(structured) }], structuredContent: structured };
  }
  if (value !== null && typeof value === 'object') {
    return { content: [{ type: 'text', text: JSON.stringify(value) }], structuredContent: value as Record<string, unknown> };
  }
  return { content: [{ type: 'text', text: JSON.stringify(value) }] };
}
