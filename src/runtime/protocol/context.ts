// What a method handler knows about the request it serves, and what the transport hands in.
import type { AuthInfo } from '../tools/types.js';
import type { Logger } from '../logger.js';
import type { Runtime } from '../runtime.js';
import type { Era } from './versions.js';

/** MCP request headers from Streamable HTTP (absent on stdio). Values are raw header strings. */
export interface McpHeaders {
  readonly protocolVersion?: string;
  readonly method?: string;
  readonly name?: string;
  /** `Mcp-Param-{Name}` headers by lower-cased Name (2026-07-28 `x-mcp-header`). */
  readonly params?: ReadonlyMap<string, string>;
}

/** What the transport knows about one incoming message before the protocol core reads it. */
export interface RequestEnvelope {
  readonly transport: 'http' | 'stdio';
  readonly headers?: McpHeaders;
  /** stdio: the version a legacy `initialize` negotiated earlier in this process. */
  readonly sessionVersion?: string;
  readonly auth?: AuthInfo;
  /** Aborted when the client goes away or the server shuts down. */
  readonly signal: AbortSignal;
}

/** Filled in while a request is served; the transport writes it on the request's log line. */
export interface RequestLog {
  method?: string;
  tool?: string;
  version?: string;
  rpcError?: number;
  isError?: boolean;
}

/** Per-request context handed to method handlers. */
export interface RequestContext {
  readonly version: string;
  readonly era: Era;
  /** Modern era: from `_meta`; legacy: empty (stateless server, nothing remembered). */
  readonly clientCapabilities: Readonly<Record<string, unknown>>;
  readonly auth?: AuthInfo;
  readonly signal: AbortSignal;
  readonly logger: Logger;
  /** The runtime this request started on (a hot reload never swaps it mid-request). */
  readonly runtime: Runtime;
  /** HTTP request headers that mirror the body (modern era checks); absent on stdio. */
  readonly headers?: McpHeaders;
  /** What this server advertises for that runtime (initialize, server/discover). */
  readonly serverCapabilities: Readonly<Record<string, unknown>>;
  readonly log: RequestLog;
}
