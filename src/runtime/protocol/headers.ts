// 2026-07-28 request headers: Mcp-Method / Mcp-Name / Mcp-Param-* must mirror the body (Base64
// sentinel decoded).
import { HEADER_MISMATCH, ProtocolError } from './errors.js';
import type { McpHeaders } from './context.js';

const SENTINEL = /^=\?base64\?([A-Za-z0-9+/]*={0,2})\?=$/;

/** Decodes `=?base64?…?=` header values; other values are returned as they are. */
export function decodeHeaderValue(value: string): string {
  const match = SENTINEL.exec(value);
  return match ? Buffer.from(match[1] ?? '', 'base64').toString('utf8') : value;
}

function mismatch(message: string): ProtocolError {
  return new ProtocolError(HEADER_MISMATCH, `Header mismatch: ${message}`, { httpStatus: 400 });
}

/** Throws -32020 when a required header is missing or differs from the body. */
export function checkModernHeaders(headers: McpHeaders, method: string, params: Record<string, unknown>, nameParam: 'name' | 'uri' | undefined): void {
  if (headers.method === undefined) throw mismatch('the Mcp-Method header is required');
  if (headers.method !== method) throw mismatch(`Mcp-Method header value '${headers.method}' does not match body value '${method}'`);
  if (nameParam === undefined) return;
  const bodyValue = params[nameParam];
  if (headers.name === undefined) throw mismatch(`the Mcp-Name header is required for ${method}`);
  const headerValue = decodeHeaderValue(headers.name);
  if (typeof bodyValue !== 'string' || headerValue !== bodyValue) {
    throw mismatch(`Mcp-Name header value '${headerValue}' does not match body value '${typeof bodyValue === 'string' ? bodyValue : String(bodyValue)}'`);
  }
}

/** A tool parameter mirrored into `Mcp-Param-{header}` (`x-mcp-header` in its inputSchema). */
export interface HeaderParam {
  /** Lower-cased header name part. */
  readonly header: string;
  /** Chain of `properties` keys from the schema root. */
  readonly path: readonly string[];
}

/** The statically reachable `x-mcp-header` annotations of an input schema (properties chains only). */
export function headerParamsOf(schema: Readonly<Record<string, unknown>>): HeaderParam[] {
  const found: HeaderParam[] = [];
  const walk = (node: unknown, path: string[]): void => {
    if (typeof node !== 'object' || node === null) return;
    const props = (node as { properties?: unknown }).properties;
    if (typeof props !== 'object' || props === null) return;
    for (const [key, child] of Object.entries(props as Record<string, unknown>)) {
      const header = (child as { 'x-mcp-header'?: unknown } | null)?.['x-mcp-header'];
      if (typeof header === 'string' && header !== '') found.push({ header: header.toLowerCase(), path: [...path, key] });
      walk(child, [...path, key]);
    }
  };
  walk(schema, []);
  return found;
}

function valueAt(args: Readonly<Record<string, unknown>>, path: readonly string[]): unknown {
  let node: unknown = args;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function headerForm(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  return undefined;
}

/** Throws -32020 unless every annotated argument present in the body has its matching header. */
export function checkParamHeaders(params: readonly HeaderParam[], args: Readonly<Record<string, unknown>>, headers: ReadonlyMap<string, string> | undefined): void {
  for (const { header, path } of params) {
    const bodyValue = valueAt(args, path);
    const sent = headers?.get(header);
    if (bodyValue === undefined || bodyValue === null) {
      if (sent !== undefined) throw mismatch(`Mcp-Param-${header} header is present but arguments.${path.join('.')} is not`);
      continue;
    }
    if (sent === undefined) throw mismatch(`the Mcp-Param-${header} header is required when arguments.${path.join('.')} is given`);
    const decoded = decodeHeaderValue(sent);
    const expected = headerForm(bodyValue);
    // Integers compare numerically (42.0 and 42 are equal).
    const same = typeof bodyValue === 'number' ? Number(decoded) === bodyValue : decoded === expected;
    if (!same) throw mismatch(`Mcp-Param-${header} header value '${decoded}' does not match arguments.${path.join('.')}`);
  }
}
