// The one place that wires the server: node:http in front, the raw MCP endpoint and /healthz on the
// hot path, express behind it for everything else (OAuth routes, 404s), a swappable runtime and
// graceful shutdown. express loads on the first request that needs it (or at start with OAuth).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express, NextFunction, Request, Response } from 'express';
import { readPackageVersion } from '../package-info.js';
import { accessLog, type Logger } from './logger.js';
import { createDispatcher, type Dispatcher } from './protocol/index.js';
import type { Runtime } from './runtime.js';
import type { AuthLayer } from './http/auth-hook.js';
import { buildHttpPolicy, hostAllowed, type HttpPolicy } from './http/http-policy.js';
import { handleMcpRequest, sendHttpError, type EndpointContext } from './http/mcp-endpoint.js';

export type { AuthLayer, AuthDecision } from './http/auth-hook.js';

export interface StartServerOptions {
  readonly runtime: Runtime;
  readonly logger: Logger;
  /** Defaults: the runtime's config (`server.port`, `server.host`). Port 0 picks a free port. */
  readonly port?: number;
  readonly host?: string;
  readonly auth?: AuthLayer;
  /** The method table (tests and future features pass their own). */
  readonly dispatcher?: Dispatcher;
  /** How long close() waits for in-flight requests before cutting connections. Default 10 s. */
  readonly shutdownTimeoutMs?: number;
}

export interface McpHttpServer {
  /** Bound address; `url` is the MCP endpoint (publicUrl-independent, for local use). */
  readonly host: string;
  readonly port: number;
  readonly url: string;
  /** The non-hot express app, created on first use: add routes (the OAuth layer uses AuthLayer.install). */
  app(): Promise<Express>;
  readonly http: Server;
  runtime(): Runtime;
  /** Swaps the runtime without dropping the port; the old one closes after its in-flight requests. */
  setRuntime(next: Runtime): Promise<void>;
  /** Stops accepting, finishes in-flight requests, closes keep-alive sockets and the runtime. */
  close(): Promise<void>;
}

interface RuntimeSlot {
  readonly runtime: Runtime;
  readonly policy: HttpPolicy;
  inFlight: number;
  retired?: () => void;
  /** What the MCP endpoint needs per request, built once per runtime. */
  endpoint: EndpointContext;
}

/** Compiles argument validators once the server listens: ready first, then warm (Runtime.warmUp). */
function warmUpSoon(runtime: Runtime): void {
  setImmediate(() => void runtime.warmUp());
}

function normalizePath(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

function pathnameOf(url: string | undefined): string {
  const raw = url ?? '/';
  const q = raw.indexOf('?');
  return normalizePath(q === -1 ? raw : raw.slice(0, q));
}

export async function startServer(options: StartServerOptions): Promise<McpHttpServer> {
  const { logger } = options;
  const dispatcher = options.dispatcher ?? createDispatcher();
  const host = options.host ?? options.runtime.config.server.host;
  const requestedPort = options.port ?? options.runtime.config.server.port;
  const startedAt = Date.now();
  const dispatching = new Set<AbortController>();
  const access = accessLog(logger);
  let closing = false;
  let inFlightTotal = 0;
  let drained: (() => void) | undefined;

  const mcpUrlFor = (req: IncomingMessage): string => {
    const { publicUrl, path } = current.runtime.config.server;
    const origin = publicUrl ? publicUrl.replace(/\/$/, '') : `http://${req.headers.host ?? `${host}:${port}`}`;
    return origin + path;
  };

  const makeSlot = (runtime: Runtime): RuntimeSlot => {
    const policy = buildHttpPolicy(runtime.config.server, host);
    const slot: RuntimeSlot = {
      runtime,
      policy,
      inFlight: 0,
      endpoint: {
        dispatcher,
        logger,
        accessLog: access,
        auth: options.auth,
        runtime,
        policy,
        dispatching,
        mcpUrl: mcpUrlFor,
        released() {
          slot.inFlight -= 1;
          inFlightTotal -= 1;
          if (slot.inFlight === 0) slot.retired?.();
          if (inFlightTotal === 0) drained?.();
        },
      },
    };
    return slot;
  };
  let current = makeSlot(options.runtime);

  const version = readPackageVersion();
  // Health probes hit this often (orchestrators, `doctor`): answered raw, like the MCP endpoint.
  const answerHealth = (req: IncomingMessage, res: ServerResponse): void => {
    const body = JSON.stringify({ status: closing ? 'stopping' : 'ok', version, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000), tools: current.runtime.listTools().length });
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  // express costs ~100–400 ms of start-up and ~10 MB: only OAuth routes and 404s need it.
  let appPromise: Promise<Express> | undefined;
  const loadApp = (): Promise<Express> => (appPromise ??= buildApp());
  const buildApp = async (): Promise<Express> => {
    const { default: express } = await import('express');
    const app = express();
    app.disable('x-powered-by');
    if (options.auth?.install) await options.auth.install(app);
    app.use((_req: Request, res: Response) => {
      res.status(404).json({ error: 'not_found', message: 'No such route. The MCP endpoint is ' + current.runtime.config.server.path });
    });
    // Last-resort error handler: JSON, never a stack trace.
    app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
      logger.error({ err }, 'unhandled error in an HTTP route');
      if (!res.headersSent) res.status(500).json({ error: 'internal_error', message: 'Internal error' });
    });
    return app;
  };
  // The OAuth routes must exist before the first request (and a failing install must fail start).
  if (options.auth?.install) await loadApp();

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const slot = current;
    if (closing) res.setHeader('Connection', 'close');
    if (!hostAllowed(slot.policy, req.headers.host)) {
      req.resume();
      sendHttpError(res, 403, `Forbidden: Host ${req.headers.host ?? '(none)'} is not allowed (add it to server.allowedHosts)`);
      return;
    }
    const path = pathnameOf(req.url);
    const mcpPath = normalizePath(slot.runtime.config.server.path);
    if (path !== mcpPath && path !== '/') {
      if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
        answerHealth(req, res);
        return;
      }
      loadApp().then(
        (app) => app(req, res),
        (err: unknown) => {
          logger.error({ err }, 'the HTTP routes could not be loaded');
          if (!res.headersSent) sendHttpError(res, 500, 'Internal error', -32603);
        },
      );
      return;
    }
    // The endpoint's close listener calls slot.endpoint.released() to balance these.
    slot.inFlight += 1;
    inFlightTotal += 1;
    const failed = (err: unknown): void => {
      logger.error({ err }, 'MCP endpoint failed');
      if (!res.headersSent) sendHttpError(res, 500, 'Internal error', -32603);
      else res.destroy();
    };
    try {
      handleMcpRequest(req, res, path === '/', slot.endpoint)?.catch(failed);
    } catch (err) {
      failed(err);
    }
  };

  const server = createServer({ keepAliveTimeout: 5_000 }, onRequest);
  server.on('clientError', (_err, socket) => {
    // Malformed HTTP never reaches a handler; answer 400 and drop the socket.
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(requestedPort, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  warmUpSoon(options.runtime);
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;

  return {
    host,
    port,
    url: `http://${urlHost}:${port}${options.runtime.config.server.path}`,
    app: loadApp,
    http: server,
    runtime: () => current.runtime,
    async setRuntime(next) {
      const previous = current;
      current = makeSlot(next);
      if (previous.runtime === next) return;
      warmUpSoon(next);
      if (previous.inFlight > 0) await new Promise<void>((resolve) => (previous.retired = resolve));
      await previous.runtime.close();
    },
    async close() {
      if (closing) return;
      closing = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlightTotal > 0) {
        const timeout = options.shutdownTimeoutMs ?? 10_000;
        await Promise.race([
          new Promise<void>((resolve) => (drained = resolve)),
          new Promise<void>((resolve) => setTimeout(resolve, timeout).unref()),
        ]);
      }
      for (const abort of dispatching) abort.abort();
      server.closeAllConnections();
      await stopped;
      await current.runtime.close();
      await options.auth?.close?.();
    },
  };
}
