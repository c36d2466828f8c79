// The hot path: raw node:http handling of the MCP endpoint (POST dispatch; GET/DELETE 405; CORS
// preflight; the info page). Nothing here goes through express.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccessLog, Logger } from '../logger.js';
import type { Dispatcher } from '../protocol/dispatcher.js';
import type { McpHeaders, RequestEnvelope, RequestLog } from '../protocol/context.js';
import type { AuthInfo } from '../tools/types.js';
import { INVALID_REQUEST, PARSE_ERROR } from '../protocol/errors.js';
import { errorResponse } from '../protocol/jsonrpc.js';
import type { Runtime } from '../runtime.js';
import { ANONYMOUS, type AuthDecision, type AuthLayer } from './auth-hook.js';
import { readBody } from './body.js';
import { type HttpPolicy, answerPreflight, applyCors, originAllowed } from './http-policy.js';
import { renderInfoPage } from './info-page.js';
import { isJsonContentType, readAccept } from './media-types.js';

export interface EndpointContext {
  readonly dispatcher: Dispatcher;
  readonly logger: Logger;
  /** Writes the one line per request. */
  readonly accessLog: AccessLog;
  readonly auth?: AuthLayer;
  readonly runtime: Runtime;
  readonly policy: HttpPolicy;
  /** Requests being dispatched; the server aborts them when it shuts down hard. */
  readonly dispatching: Set<AbortController>;
  /** Called once when the response closes (the server's in-flight accounting). */
  released?(): void;
  /** The MCP endpoint URL as the client sees it (info page). */
  mcpUrl(req: IncomingMessage): string;
}

const ALLOW = 'POST, OPTIONS';

/** A JSON-RPC error body with no id, for HTTP-level refusals. */
export function sendHttpError(res: ServerResponse, status: number, message: string, code = INVALID_REQUEST, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(errorResponse(undefined, code, message));
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...headers }).end(body);
}

/** Not async: POSTs return handlePost's promise as is (an async wrapper would add microtask turns). */
export function handleMcpRequest(req: IncomingMessage, res: ServerResponse, isRootPath: boolean, ctx: EndpointContext): Promise<void> | undefined {
  const started = process.hrtime.bigint();
  const log: RequestLog = {};
  const inFlight: InFlight = {};
  // One close listener per request: cancel the tool call if the client went away, then log.
  res.once('close', () => {
    ctx.released?.();
    inFlight.closed = true;
    if (inFlight.abort && !res.writableFinished) inFlight.abort.abort();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    ctx.accessLog({ http: req.method, method: log.method, tool: log.tool, status: res.statusCode, rpcError: log.rpcError, isError: log.isError, version: log.version, ms: Math.round(ms * 100) / 100 });
  });

  if (!originAllowed(ctx.policy, req.headers.origin, req.headers.host)) {
    sendHttpError(res, 403, `Forbidden: Origin ${req.headers.origin ?? ''} is not allowed (add it to server.corsOrigins)`);
    return;
  }
  applyCors(req, res);

  switch (req.method) {
    case 'POST':
      return handlePost(req, res, ctx, log, inFlight);
    case 'OPTIONS':
      answerPreflight(req, res);
      return;
    case 'GET':
      if (isRootPath && /\btext\/html\b/i.test(req.headers.accept ?? '')) {
        const html = renderInfoPage(ctx.runtime, ctx.mcpUrl(req));
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html), 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'", 'X-Content-Type-Options': 'nosniff' }).end(html);
        return;
      }
      // Stateless server: no standalone SSE stream (2025-11-25 allows 405; 2026-07-28 requires it).
      sendHttpError(res, 405, 'Method not allowed: this server has no SSE stream; POST JSON-RPC messages', INVALID_REQUEST, { Allow: ALLOW });
      return;
    default:
      sendHttpError(res, 405, `Method not allowed: ${req.method ?? ''}; POST JSON-RPC messages`, INVALID_REQUEST, { Allow: ALLOW });
  }
}

/** The abort controller of a dispatched request (made on first use), for the request's close listener. */
interface InFlight {
  abort?: AbortController;
  closed?: boolean;
}

async function handlePost(req: IncomingMessage, res: ServerResponse, ctx: EndpointContext, log: RequestLog, inFlight: InFlight): Promise<void> {
  if (!isJsonContentType(req.headers['content-type'])) {
    req.resume();
    sendHttpError(res, 415, 'Unsupported Media Type: Content-Type must be application/json');
    return;
  }
  const accept = readAccept(req.headers.accept);
  if (!accept.json && !accept.sse) {
    req.resume();
    sendHttpError(res, 406, 'Not Acceptable: Accept must list application/json and text/event-stream');
    return;
  }

  let decision: AuthDecision = ANONYMOUS;
  if (ctx.auth) {
    try {
      // A recently verified token is decided synchronously: no await, no extra microtask turn.
      const pending = ctx.auth.authenticate(req);
      decision = pending instanceof Promise ? await pending : pending;
    } catch (err) {
      ctx.logger.error({ err }, 'authentication hook failed');
      req.resume();
      sendHttpError(res, 500, 'Internal error while checking credentials', -32603);
      return;
    }
    if (decision.kind === 'reject') {
      req.resume();
      sendHttpError(res, decision.status, decision.message ?? (decision.status === 401 ? 'Unauthorized' : 'Forbidden'), INVALID_REQUEST, { 'WWW-Authenticate': decision.wwwAuthenticate });
      return;
    }
  }

  const body = await readBody(req, ctx.runtime.config.server.maxBodyBytes);
  if (!body.ok) {
    if (body.reason === 'too-large') {
      res.setHeader('Connection', 'close');
      sendHttpError(res, 413, `Payload too large: the limit is ${ctx.runtime.config.server.maxBodyBytes} bytes`);
    }
    return;
  }
  let payload: unknown;
  try {
    payload = JSON.parse(body.text);
  } catch {
    log.rpcError = PARSE_ERROR;
    sendHttpError(res, 400, 'Parse error: the body is not valid JSON', PARSE_ERROR);
    return;
  }

  const envelope = new HttpEnvelope(
    new HttpMcpHeaders(req),
    decision.kind === 'authenticated' ? decision.auth : undefined,
    inFlight,
    res,
    ctx.dispatching,
  );
  try {
    const outcome = await ctx.dispatcher.handle(payload, envelope, ctx.runtime, ctx.logger, log);
    if (res.destroyed) return;
    if (outcome.body === undefined) {
      res.writeHead(202).end();
    } else if (outcome.status === 200 && accept.sse && !accept.json) {
      writeSse(res, outcome.body, outcome.version === '2025-11-25');
    } else {
      res.writeHead(outcome.status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(outcome.body) }).end(outcome.body);
    }
  } finally {
    if (inFlight.abort) ctx.dispatching.delete(inFlight.abort);
  }
}

/**
 * One POST's envelope. A class, not an object literal with a getter: V8 gives every literal with
 * an accessor its own hidden class, which made each request's objects survive young-generation GC
 * (3 MB promoted per scavenge, ~20 µs per request). The getter here lives once on the prototype.
 */
class HttpEnvelope implements RequestEnvelope {
  readonly transport = 'http';

  constructor(
    readonly headers: McpHeaders,
    readonly auth: AuthInfo | undefined,
    private readonly inFlight: InFlight,
    private readonly res: ServerResponse,
    private readonly dispatching: Set<AbortController>,
  ) {}

  /**
   * Made on first use: most tools never look at it, and an AbortController costs more than the rest
   * of a calculator call's dispatch.
   */
  get signal(): AbortSignal {
    const { inFlight } = this;
    if (!inFlight.abort) {
      const abort = new AbortController();
      inFlight.abort = abort;
      if (inFlight.closed && !this.res.writableFinished) abort.abort();
      else this.dispatching.add(abort);
    }
    return inFlight.abort.signal;
  }
}

/**
 * The MCP headers of one POST. `params` (a walk over every header) is read only by 2026-07-28 calls
 * of tools that declare header parameters, so it is found on first use (a prototype getter).
 */
class HttpMcpHeaders implements McpHeaders {
  readonly protocolVersion: string | undefined;
  readonly method: string | undefined;
  readonly name: string | undefined;
  private found?: { params: Map<string, string> | undefined };

  constructor(private readonly req: IncomingMessage) {
    this.protocolVersion = headerValue(req, 'mcp-protocol-version');
    this.method = headerValue(req, 'mcp-method');
    this.name = headerValue(req, 'mcp-name');
  }

  get params(): ReadonlyMap<string, string> | undefined {
    this.found ??= { params: paramHeaders(this.req) };
    return this.found.params;
  }
}

/** `Mcp-Param-*` headers by their lower-cased name part (undefined when there are none). */
function paramHeaders(req: IncomingMessage): Map<string, string> | undefined {
  let found: Map<string, string> | undefined;
  for (const key in req.headers) {
    if (key.startsWith('mcp-param-')) (found ??= new Map()).set(key.slice(10), headerValue(req, key) ?? '');
  }
  return found;
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** One-message SSE stream; 2025-11-25 clients first get the priming event (an id, empty data). */
function writeSse(res: ServerResponse, body: string, prime: boolean): void {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no' });
  if (prime) res.write(`id: ${randomUUID()}\ndata: \n\n`);
  res.end(`event: message\ndata: ${body}\n\n`);
}
