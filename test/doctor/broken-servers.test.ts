// Each deliberately broken server is caught by the right check id, with a fix, and nothing else regresses.
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/package-info.js';
import { runDoctor } from '../../src/doctor/index.js';
import { BROKEN_SERVERS } from '../fixtures/broken-servers/catalog.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/broken-servers/server.js';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('doctor on broken servers', () => {
  for (const c of BROKEN_SERVERS) {
    it(`catches "${c.mistake}" as ${c.check} (${c.status})`, async () => {
      server = await startFixtureServer(c.options);
      const report = await runDoctor(c.probePath ? `${server.origin}${c.probePath}` : server.url, { timeoutMs: 5000, login: c.login });
      const hit = report.checks.find((r) => r.id === c.check);
      expect(hit, `${c.check} present`).toBeDefined();
      expect(hit!.status).toBe(c.status);
      expect(hit!.message).toContain(c.messageIncludes);
      expect(hit!.fix, 'a concrete fix').toMatch(/\w{3,}/);
      // The one mistake is the only failure: doctor does not drown it in follow-up noise.
      const otherFailures = report.checks.filter((r) => r.status === 'fail' && r.id !== c.check).map((r) => `${r.id}: ${r.message}`);
      expect(otherFailures).toEqual([]);
      expect(report.ok).toBe(c.status !== 'fail');
    });
  }

  it('explains a refused connection and skips everything after it', async () => {
    server = await startFixtureServer();
    const url = server.url;
    await server.close();
    server = undefined;
    const report = await runDoctor(url, { timeoutMs: 2000 });
    const tcp = report.checks.find((r) => r.id === 'reachability.tcp');
    expect(tcp?.status).toBe('fail');
    expect(tcp?.message).toMatch(/connection refused/);
    expect(tcp?.fix).toMatch(/start the server/);
    expect(report.checks.find((r) => r.id === 'tools.list')?.status).toBe('skip');
  });

  it('fails plain http to a public host and reports a DNS failure with its code', async () => {
    const report = await runDoctor('http://doctor-test.invalid/mcp', { timeoutMs: 3000 });
    expect(report.checks.find((r) => r.id === 'reachability.https')?.status).toBe('fail');
    const dns = report.checks.find((r) => r.id === 'reachability.dns');
    expect(dns?.status).toBe('fail');
    expect(dns?.message).toMatch(/DNS lookup failed for doctor-test\.invalid/);
  });

  it('explains a self-signed certificate and skips everything after the TLS handshake', async () => {
    const tls = join(packageRoot, 'test/fixtures/tls');
    const https = createHttpsServer({ key: readFileSync(join(tls, 'self-signed.key')), cert: readFileSync(join(tls, 'self-signed.crt')) }, (_req, res) => res.writeHead(405).end());
    await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
    try {
      const report = await runDoctor(`https://localhost:${(https.address() as AddressInfo).port}/mcp`, { timeoutMs: 3000 });
      const tlsCheck = report.checks.find((r) => r.id === 'reachability.tls');
      expect(tlsCheck?.status).toBe('fail');
      expect(tlsCheck?.message).toMatch(/self-signed certificate/i);
      expect(tlsCheck?.fix).toMatch(/valid certificate/);
      expect(report.checks.find((r) => r.id === 'reachability.https')?.status).toBe('pass');
      expect(report.checks.find((r) => r.id === 'endpoint.mcp')?.status).toBe('skip');
    } finally {
      https.closeAllConnections();
      await new Promise<void>((resolve) => https.close(() => resolve()));
    }
  });

  it('reports a server that accepts connections but never answers as a timeout', async () => {
    const silent = createHttpServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const report = await runDoctor(`http://127.0.0.1:${(silent.address() as AddressInfo).port}/mcp`, { timeoutMs: 300 });
      const http = report.checks.find((r) => r.id === 'reachability.http');
      expect(http?.status).toBe('fail');
      expect(http?.message).toMatch(/no answer from 127\.0\.0\.1:\d+ within 300 ms/);
      expect(http?.fix).toMatch(/--timeout/);
      expect(report.checks.find((r) => r.id === 'endpoint.mcp')?.status).toBe('skip');
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
