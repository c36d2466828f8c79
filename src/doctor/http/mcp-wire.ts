// Speaks MCP over Streamable HTTP the way a client does (both eras), parsing JSON and SSE replies alike.
import { probe, type ProbeResult, type ProbeResponse } from './probe.js';
import { MODERN_VERSION } from '../spec-schemas.js';
import { readPackageVersion } from '../../package-info.js';

export interface JsonRpcError {
  readonly code: number;
  readonly message: string;
  readonly data?: unknown;
}

export interface RpcReply {
  readonly id?: unknown;
  readonly result?: Record<string, unknown>;
  readonly error?: JsonRpcError;
  /** The message exactly as received, for schema validation. */
  readonly raw: unknown;
  /** False for a transport-level JSON-RPC error without our id (e.g. a 403 or 406 body with id null). */
  readonly matched: boolean;
}

export type BodyFormat = 'json' | 'sse' | 'empty' | 'html' | 'other';

export interface RpcExchange {
  readonly method: string;
  /** The protocol version this request claimed. */
  readonly version: string;
  readonly http: ProbeResult;
  readonly format: BodyFormat;
  readonly reply?: RpcReply;
  /** Why no reply could be read, in words. */
  readonly problem?: string;
}

/** A legacy (initialize-based) conversation: the negotiated version and the session id, if any. */
export interface LegacySession {
  readonly version: string;
  readonly sessionId?: string;
}

export const ACCEPT_BOTH = 'application/json, text/event-stream';
export const CLIENT_INFO = { name: 'mcp-devmode-doctor', version: readPackageVersion() };

export type ReplyListener = (method: string, version: string, message: unknown) => void;

export class McpWire {
  private nextId = 1;
  /** Bearer token sent with every request once the OAuth flow produced one. */
  token: string | undefined;

  constructor(
    readonly endpoint: string,
    private readonly timeoutMs: number,
    private readonly onReply: ReplyListener,
  ) {}

  baseHeaders(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: ACCEPT_BOTH, ...extra };
    if (this.token && !('authorization' in headers)) headers.authorization = `Bearer ${this.token}`;
    return headers;
  }

  /** `initialize` + nothing else; the caller decides whether to send notifications/initialized. */
  async initialize(version: string, extraHeaders: Readonly<Record<string, string>> = {}): Promise<RpcExchange> {
    return this.legacyRequest('initialize', { protocolVersion: version, capabilities: {}, clientInfo: CLIENT_INFO }, { version }, extraHeaders, false);
  }

  /** A request inside a legacy session (sends MCP-Protocol-Version and Mcp-Session-Id). */
  async legacyRequest(method: string, params: Record<string, unknown>, session: LegacySession, extraHeaders: Readonly<Record<string, string>> = {}, sendVersionHeader = true): Promise<RpcExchange> {
    const headers: Record<string, string> = {};
    if (sendVersionHeader) headers['mcp-protocol-version'] = session.version;
    if (session.sessionId) headers['mcp-session-id'] = session.sessionId;
    return this.send(method, params, session.version, this.baseHeaders({ ...headers, ...extraHeaders }));
  }

  /** A 2026-07-28 request: per-request _meta plus the mirrored Mcp-Method / Mcp-Name headers. */
  async modernRequest(method: string, params: Record<string, unknown> = {}, extraHeaders: Readonly<Record<string, string>> = {}): Promise<RpcExchange> {
    const headers: Record<string, string> = { 'mcp-protocol-version': MODERN_VERSION, 'mcp-method': method };
    const name = typeof params.name === 'string' ? params.name : typeof params.uri === 'string' ? params.uri : undefined;
    if (name !== undefined) headers['mcp-name'] = /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/.test(name) && !name.startsWith('=?base64?') ? name : `=?base64?${Buffer.from(name, 'utf8').toString('base64')}?=`;
    const meta = {
      'io.modelcontextprotocol/protocolVersion': MODERN_VERSION,
      'io.modelcontextprotocol/clientInfo': CLIENT_INFO,
      'io.modelcontextprotocol/clientCapabilities': {},
    };
    return this.send(method, { ...params, _meta: meta }, MODERN_VERSION, this.baseHeaders({ ...headers, ...extraHeaders }));
  }

  /** A notification inside a legacy session; the answer should be 202 with no body. */
  async notify(method: string, session: LegacySession): Promise<ProbeResult> {
    const headers: Record<string, string> = { 'mcp-protocol-version': session.version };
    if (session.sessionId) headers['mcp-session-id'] = session.sessionId;
    return probe(this.endpoint, { method: 'POST', headers: this.baseHeaders(headers), body: JSON.stringify({ jsonrpc: '2.0', method }), timeoutMs: this.timeoutMs });
  }

  /** Posts an arbitrary body (malformed JSON, batches) and reports what came back. */
  async postRaw(body: string, headers: Readonly<Record<string, string>> = {}): Promise<ProbeResult> {
    return probe(this.endpoint, { method: 'POST', headers: this.baseHeaders(headers), body, timeoutMs: this.timeoutMs });
  }

  private async send(method: string, params: Record<string, unknown>, version: string, headers: Record<string, string>): Promise<RpcExchange> {
    const id = this.nextId++;
    const http = await probe(this.endpoint, {
      method: 'POST',
      headers,
      body: JSON.stringify({ jsonrpc: '2.0', id, method, params }),
      timeoutMs: this.timeoutMs,
      stopOnEvent: (event) => isReplyTo(parseJson(event.data), id),
    });
    const exchange = readReply(method, version, http, id);
    // Only real replies are schema-checked; transport rejections with id null are judged by their own checks.
    if (exchange.reply?.matched) this.onReply(method, version, exchange.reply.raw);
    return exchange;
  }
}

export function sessionFrom(exchange: RpcExchange, requested: string): LegacySession {
  const negotiated = exchange.reply?.result?.protocolVersion;
  const sessionId = exchange.http.ok ? exchange.http.headers.get('mcp-session-id') ?? undefined : undefined;
  return { version: typeof negotiated === 'string' ? negotiated : requested, sessionId };
}

/** JSON.parse that answers undefined instead of throwing (bodies are the server's, not ours). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isReplyTo(message: unknown, id: number): boolean {
  return typeof message === 'object' && message !== null && !Array.isArray(message) && (message as { id?: unknown }).id === id && ('result' in message || 'error' in message);
}

/** Classifies a body: JSON-RPC JSON, SSE carrying JSON-RPC, empty, HTML (often a stack trace), or other. */
export function bodyFormat(res: ProbeResponse): BodyFormat {
  if (res.contentType.includes('text/event-stream')) return 'sse';
  const trimmed = res.text.trim();
  if (trimmed === '') return 'empty';
  if (res.contentType.includes('json')) return 'json';
  if (res.contentType.includes('html') || /^<(!doctype|html|head|body|pre)/i.test(trimmed)) return 'html';
  return parseJson(trimmed) === undefined ? 'other' : 'json';
}

function readReply(method: string, version: string, http: ProbeResult, id: number): RpcExchange {
  if (!http.ok) return { method, version, http, format: 'empty', problem: http.message };
  const format = bodyFormat(http);
  const candidates: unknown[] = [];
  if (format === 'sse') {
    for (const event of http.events ?? []) candidates.push(parseJson(event.data));
  } else if (format === 'json') {
    const parsed = parseJson(http.text);
    if (Array.isArray(parsed)) candidates.push(...(parsed as unknown[]));
    else candidates.push(parsed);
  }
  const exact = candidates.find((m) => isReplyTo(m, id));
  const match = exact ?? candidates.find((m) => typeof m === 'object' && m !== null && (m as { jsonrpc?: unknown }).jsonrpc === '2.0' && 'error' in m);
  if (match && typeof match === 'object') {
    const m = match as { id?: unknown; result?: unknown; error?: unknown };
    const error = normaliseError(m.error);
    const result = typeof m.result === 'object' && m.result !== null && !Array.isArray(m.result) ? (m.result as Record<string, unknown>) : undefined;
    return { method, version, http, format, reply: { id: m.id, result, error, raw: match, matched: exact !== undefined } };
  }
  return { method, version, http, format, problem: describeMissingReply(http, format) };
}

function normaliseError(error: unknown): JsonRpcError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { code?: unknown; message?: unknown; data?: unknown };
  return { code: typeof e.code === 'number' ? e.code : NaN, message: typeof e.message === 'string' ? e.message : '', data: e.data };
}

function describeMissingReply(http: ProbeResponse, format: BodyFormat): string {
  const what = `HTTP ${http.status}${http.contentType ? ` ${http.contentType.split(';')[0]}` : ''}`;
  if (format === 'empty') return `${what} with an empty body`;
  if (format === 'html') return `${what}: an HTML page instead of JSON-RPC (${snippet(http.text)})`;
  if (format === 'sse') return `${what}: the event stream carried no JSON-RPC reply`;
  return `${what}: ${snippet(http.text)}`;
}

/** First line of a body, trimmed, for messages. */
export function snippet(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
