// A self-signed certificate for 127.0.0.1 (made with the openssl CLI) and an https server that
// serves a Client ID Metadata Document, plus a fetch that trusts only that certificate.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FetchLike } from '../../../src/runtime/auth/cimd-fetch.js';

export function selfSignedCert(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-tls-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface MetadataServer {
  readonly url: string;
  readonly server: Server;
  hits: number;
  close(): Promise<void>;
}

/** Serves `document(url)` as JSON at /client.json over https. */
export async function startMetadataServer(tls: { key: string; cert: string }, document: (url: string) => unknown): Promise<MetadataServer> {
  const state = { hits: 0 };
  let url = '';
  const server = createServer(tls, (req, res) => {
    state.hits += 1;
    if (req.url !== '/client.json') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=300' }).end(JSON.stringify(document(url)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/client.json`;
  return {
    url,
    server,
    get hits() {
      return state.hits;
    },
    set hits(v: number) {
      state.hits = v;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Test-only fetch: trusts the test certificate and reaches 127.0.0.1 (what the SSRF guard refuses). */
export function trustingFetch(cert: string): FetchLike {
  return (url, init) =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((v, k) => (headers[k] = v));
      const req = request(url, { method: init.method ?? 'GET', headers, ca: cert }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v);
          resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 500, headers: h }));
        });
      });
      req.on('error', reject);
      req.end();
    });
}
