// Result values handlers return, and their serialisation per era (resultType, serverInfo, caching).
import type { RequestId } from './jsonrpc.js';

/** A result object built per request. */
export type PlainResult = Record<string, unknown>;

/** A result already serialised for the request's version (precomputed hot-path payloads). */
export interface RawResult {
  readonly raw: string;
}

export type HandlerResult = PlainResult | RawResult;

export function isRawResult(result: HandlerResult): result is RawResult {
  return typeof (result as RawResult).raw === 'string' && Object.keys(result).length === 1;
}

export const SERVER_INFO_META_KEY = 'io.modelcontextprotocol/serverInfo';
export const PROTOCOL_VERSION_META_KEY = 'io.modelcontextprotocol/protocolVersion';
export const CLIENT_CAPABILITIES_META_KEY = 'io.modelcontextprotocol/clientCapabilities';
export const CLIENT_INFO_META_KEY = 'io.modelcontextprotocol/clientInfo';

/** 2026-07-28: every result carries resultType; servers identify themselves in `_meta`. */
export function decorateModernResult(result: PlainResult, serverInfo: Readonly<Record<string, unknown>>): PlainResult {
  const meta = (typeof result._meta === 'object' && result._meta !== null ? result._meta : {}) as Record<string, unknown>;
  return { ...result, resultType: result.resultType ?? 'complete', _meta: { ...meta, [SERVER_INFO_META_KEY]: serverInfo } };
}

/** `{"jsonrpc":"2.0","id":…,"result":…}` with an already-serialised result spliced in. */
export function serializeResult(id: RequestId, resultJson: string): string {
  return `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"result":${resultJson}}`;
}
