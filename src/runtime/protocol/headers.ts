// 2026-07-28 request headers: Mcp-Method / Mcp-Name must mirror the body (Base64 sentinel decoded).
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
