// Transport: Streamable HTTP details that make SDK clients and ChatGPT break when they are wrong.
import { fail, pass, skip, warn, type Check, type DoctorContext } from '../context.js';
import { bodyFormat, parseJson, snippet, type LegacySession, type RpcExchange } from '../http/mcp-wire.js';
import { probe } from '../http/probe.js';
import { needsMcpAccess } from './gates.js';

function sessionHeaders(session: LegacySession | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (session) headers['mcp-protocol-version'] = session.version;
  if (session?.sessionId) headers['mcp-session-id'] = session.sessionId;
  return headers;
}

/** The cheapest request the server understands: initialize (legacy), or server/discover on a modern-only server. */
function probeRequest(ctx: DoctorContext, extraHeaders: Readonly<Record<string, string>> = {}): Promise<RpcExchange> {
  if (!ctx.state.session && ctx.state.discover === 'modern') return ctx.wire.modernRequest('server/discover', {}, extraHeaders);
  return ctx.wire.initialize(ctx.state.session?.version ?? '2025-06-18', extraHeaders);
}

export const responseFormat: Check = {
  id: 'transport.response-format',
  area: 'transport',
  async run(ctx) {
    const gate = needsMcpAccess(ctx);
    if (gate) return gate;
    const exchange = await probeRequest(ctx);
    if (!exchange.reply) return fail(`${exchange.method}: ${exchange.problem ?? 'no reply'}`, 'answer requests with Content-Type application/json (one JSON-RPC object) or text/event-stream (SSE carrying the reply)');
    const type = exchange.http.ok ? exchange.http.contentType.split(';')[0] : '';
    return pass(exchange.format === 'sse' ? `replies as an SSE stream (${type}); parsed the reply from it` : `replies with ${type}`, { format: exchange.format });
  },
};

export const acceptHandling: Check = {
  id: 'transport.accept',
  area: 'transport',
  async run(ctx) {
    const gate = needsMcpAccess(ctx);
    if (gate) return gate;
    const exchange = await probeRequest(ctx, { accept: 'application/json' });
    const http = exchange.http;
    if (!http.ok) return fail(http.message, http.fix);
    if (http.status === 406) return pass('a client accepting only application/json gets 406 (the spec requires both types in Accept)');
    if (exchange.reply && exchange.format === 'json') return pass('a client accepting only application/json still gets JSON');
    if (exchange.format === 'sse') return warn('answers text/event-stream to a client that only accepts application/json', 'honour Accept: answer with JSON, or 406 when text/event-stream is not accepted');
    return warn(`a client accepting only application/json gets ${exchange.problem ?? `HTTP ${http.status}`}`, 'answer with JSON or a 406 Not Acceptable');
  },
};

export const notificationAccepted: Check = {
  id: 'transport.notification',
  area: 'transport',
  async run(ctx) {
    const gate = needsMcpAccess(ctx);
    if (gate) return gate;
    const session = ctx.state.session;
    if (!session) return skip('no legacy session to send notifications/initialized in');
    const res = await ctx.wire.notify('notifications/initialized', session);
    if (!res.ok) return fail(res.message, res.fix);
    const body = res.text.trim();
    if (res.status === 202 && body === '') return pass('notifications/initialized → 202 Accepted');
    const json = parseJson(body) as { error?: { code?: unknown; message?: unknown } } | undefined;
    if (json && typeof json === 'object' && json.error) {
      return fail(
        `notifications/initialized answered with JSON-RPC error ${String(json.error.code)}: ${String(json.error.message)} (HTTP ${res.status})`,
        'notifications get no JSON-RPC reply: answer 202 Accepted with an empty body (clients abort the connection on an error here)',
      );
    }
    if (res.status >= 200 && res.status < 300) return warn(`notifications/initialized → HTTP ${res.status}${body ? ` with a body (${snippet(body)})` : ''}`, 'answer notifications with 202 Accepted and no body');
    return fail(`notifications/initialized → HTTP ${res.status} ${snippet(body)}`, 'accept notifications/initialized with 202 Accepted and no body');
  },
};

export const getStream: Check = {
  id: 'transport.get',
  area: 'transport',
  async run(ctx) {
    const gate = needsMcpAccess(ctx);
    if (gate) return gate;
    const res = await probe(ctx.endpoint, { method: 'GET', headers: { accept: 'text/event-stream', ...sessionHeaders(ctx.state.session), ...(ctx.wire.token ? { authorization: `Bearer ${ctx.wire.token}` } : {}) }, headersOnlyForStreams: true, timeoutMs: ctx.timeoutMs });
    if (!res.ok) return fail(`GET: ${res.message}`, res.fix);
    if (res.status === 405) return pass('GET → 405 Method Not Allowed (no standalone stream)');
    if (res.status === 200 && res.contentType.includes('text/event-stream')) return pass('GET opens an SSE stream');
    if (res.status === 404) return fail('GET → 404: SDK clients read 404 as "session expired" or "no MCP here" and break', 'answer GET on the MCP endpoint with 405 Method Not Allowed (or an SSE stream)');
    return warn(`GET → HTTP ${res.status} ${res.contentType}`, 'answer GET with 405 Method Not Allowed or an SSE stream');
  },
};

export const originCheck: Check = {
  id: 'transport.origin',
  area: 'transport',
  async run(ctx) {
    const gate = needsMcpAccess(ctx);
    if (gate) return gate;
    const exchange = await probeRequest(ctx, { origin: 'https://evil.invalid' });
    const http = exchange.http;
    if (!http.ok) return fail(http.message, http.fix);
    if (http.status === 403) return pass('a foreign Origin header → 403 Forbidden');
    if (exchange.reply?.result) return warn('a request with Origin: https://evil.invalid was served: DNS-rebinding protection is off', 'reject requests whose Origin header is present and not allowed with 403 (ChatGPT sends no Origin, so this does not affect it)');
    return warn(`a foreign Origin got HTTP ${http.status} instead of 403`, 'answer requests with a disallowed Origin with 403 Forbidden');
  },
};

export const malformedJson: Check = {
  id: 'transport.parse-error',
  area: 'transport',
  async run(ctx) {
    const gate = needsMcpAccess(ctx);
    if (gate) return gate;
    const res = await ctx.wire.postRaw('{"jsonrpc": "2.0", "id": 1, "method": ', sessionHeaders(ctx.state.session));
    if (!res.ok) return fail(`malformed JSON: ${res.message}`, res.fix);
    const format = bodyFormat(res);
    if (format === 'html') return fail(`malformed JSON → HTTP ${res.status} HTML page (${snippet(res.text)})`, 'catch body-parser errors and answer HTTP 400 with {"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}; never send stack traces');
    const json = parseJson(res.text) as { error?: { code?: unknown } } | undefined;
    const code = json?.error?.code;
    if (code === -32700) return pass(`malformed JSON → HTTP ${res.status} JSON-RPC -32700 Parse error`);
    if (typeof code === 'number') return warn(`malformed JSON → JSON-RPC error ${code} instead of -32700`, 'use code -32700 (Parse error) for bodies that are not JSON');
    if (res.status >= 500) return fail(`malformed JSON → HTTP ${res.status} ${snippet(res.text)}`, 'answer HTTP 400 with a JSON-RPC -32700 error instead of crashing');
    return warn(`malformed JSON → HTTP ${res.status} ${snippet(res.text) || '(empty body)'}`, 'answer HTTP 400 with a JSON-RPC -32700 Parse error body');
  },
};

export const batchHandling: Check = {
  id: 'transport.batch',
  area: 'transport',
  async run(ctx) {
    const gate = needsMcpAccess(ctx);
    if (gate) return gate;
    const batch = JSON.stringify([
      { jsonrpc: '2.0', id: 'batch-1', method: 'tools/list', params: {} },
      { jsonrpc: '2.0', id: 'batch-2', method: 'tools/list', params: {} },
    ]);
    const res = await ctx.wire.postRaw(batch, sessionHeaders(ctx.state.session));
    if (!res.ok) return fail(`batch: ${res.message}`, res.fix);
    const format = bodyFormat(res);
    if (format === 'html' || res.status >= 500) return fail(`a JSON-RPC batch → HTTP ${res.status} ${snippet(res.text)}`, 'answer batches with an array of replies (2025-03-26) or one JSON-RPC -32600 Invalid Request error (2025-06-18 removed batching); never crash');
    const messages = format === 'sse' ? (res.events ?? []).map((e) => parseJson(e.data)) : [parseJson(res.text)].flat();
    const replies = messages.filter((m): m is { id?: unknown; error?: { code?: unknown } } => typeof m === 'object' && m !== null);
    if (replies.some((m) => m.id === 'batch-1') && replies.some((m) => m.id === 'batch-2')) return pass('accepts JSON-RPC batches (2025-03-26 style) and answers each request');
    const error = replies.find((m) => m.error)?.error;
    if (error) return pass(`rejects JSON-RPC batches with error ${String(error.code)} (batching was removed in 2025-06-18)`);
    return warn(`a JSON-RPC batch → HTTP ${res.status} ${snippet(res.text) || '(empty body)'}`, 'answer batches with replies or one JSON-RPC -32600 error');
  },
};

export const protocolVersionHeader: Check = {
  id: 'transport.protocol-version-header',
  area: 'transport',
  async run(ctx) {
    const gate = needsMcpAccess(ctx);
    if (gate) return gate;
    const session = ctx.state.session;
    if (!session) return skip('no legacy session (modern requests carry the version in _meta and the header)');
    const exchange = await ctx.wire.legacyRequest('tools/list', {}, session, { 'mcp-protocol-version': '1999-01-01' });
    const http = exchange.http;
    if (!http.ok) return fail(http.message, http.fix);
    if (http.status === 400) return pass('an unknown MCP-Protocol-Version header → 400 Bad Request');
    if (exchange.reply?.result) return warn('a request with MCP-Protocol-Version: 1999-01-01 was served', 'answer an invalid or unsupported MCP-Protocol-Version header with 400 Bad Request');
    return warn(`an unknown MCP-Protocol-Version header → HTTP ${http.status} instead of 400`, 'answer an invalid or unsupported MCP-Protocol-Version header with 400 Bad Request');
  },
};

export const sessionIds: Check = {
  id: 'transport.session',
  area: 'transport',
  run(ctx: DoctorContext) {
    const gate = needsMcpAccess(ctx);
    if (gate) return gate;
    const id = ctx.state.session?.sessionId;
    if (!ctx.state.session) return skip('no legacy session was opened');
    if (id === undefined) return pass('stateless: no Mcp-Session-Id (every request stands alone)');
    if (!/^[\x21-\x7e]+$/.test(id)) return fail(`Mcp-Session-Id contains characters outside visible ASCII (${JSON.stringify(id)})`, 'generate session ids from visible ASCII only (e.g. a UUID)');
    return pass(`sessions: Mcp-Session-Id issued on initialize (${id.length} characters)`);
  },
};

export const transportChecks: readonly Check[] = [responseFormat, acceptHandling, notificationAccepted, getStream, originCheck, malformedJson, batchHandling, protocolVersionHeader, sessionIds];
