// Test helper: a real HTTP server on 127.0.0.1 with per-test routes, recording what it received.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export type Route = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

export interface LocalUpstream {
  readonly origin: string;
  readonly port: number;
  readonly received: ReceivedRequest[];
  route(path: string, handler: Route): void;
  close(): Promise<void>;
}

export async function startUpstream(): Promise<LocalUpstream> {
  const routes = new Map<string, Route>();
  const received: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const handler = routes.get(path) ?? [...routes.entries()].find(([p]) => p.endsWith('*') && path.startsWith(p.slice(0, -1)))?.[1];
      if (!handler) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end(`no route for ${path}`);
        return;
      }
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    received,
    route: (path, handler) => routes.set(path, handler),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(res: http.ServerResponse, status: number, value: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(value));
}
