// doctor against our own server (the real runtime, server, corpora and OAuth layer) for the shipped examples and templates, and `doctor` with no URL.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { loadConfig } from '../../src/config/index.js';
import { runDoctor } from '../../src/doctor/index.js';
import { startLocalServer, type LocalServer } from '../../src/doctor/local-server.js';
import type { DoctorReport } from '../../src/doctor/types.js';
import { packageRoot } from '../../src/package-info.js';
import { hashPassword } from '../../src/runtime/auth/password.js';
import { openStore } from '../../src/runtime/store/open.js';
import { calculatorKind } from '../../src/runtime/tools/calculator.js';
import { httpKind } from '../../src/runtime/tools/http.js';

function problems(report: DoctorReport, status: 'fail' | 'warn'): string[] {
  return report.checks.filter((c) => c.status === status).map((c) => `${c.id}: ${c.message}`);
}

function statusOf(report: DoctorReport, id: string): string | undefined {
  return report.checks.find((c) => c.id === id)?.status;
}

const EMAIL = 'ada@example.com';
const PASSWORD = 'correct horse battery staple';
const AUTH_CHECKS = ['auth.challenge', 'auth.prm', 'auth.prm-resource', 'auth.as-metadata', 'auth.issuer', 'auth.pkce-s256', 'auth.cimd', 'auth.dcr', 'auth.authorize-no-scope', 'auth.login', 'auth.iss', 'auth.token', 'auth.invalid-token', 'auth.refresh-rotates', 'auth.refresh-reuse'];

/** Adds the local user doctor signs in as (what `mcp-devmode users add` does). */
async function addUser(storage: string, baseDir: string): Promise<void> {
  const store = await openStore(storage, baseDir);
  await store.createUser({ id: 'user-ada', email: EMAIL, passwordHash: await hashPassword(PASSWORD), createdAt: Date.now() });
  await store.close();
}

describe('doctor on examples/binance (upstream on 127.0.0.1)', () => {
  let local: LocalServer;
  let upstream: Server;
  beforeAll(async () => {
    upstream = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('[]'));
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    const config = await loadConfig(join(packageRoot, 'examples/binance/mcp.yaml'), { env: { BINANCE_BASE_URL: origin }, dotenv: false, kinds: [httpKind] });
    local = await startLocalServer(config, { kinds: [httpKind] });
  });
  afterAll(async () => {
    await local.stop();
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
  });

  it('passes every check: both eras, valid replies, read-only tool, no auth routes', async () => {
    const report = await runDoctor(local.url, { timeoutMs: 5000 });
    expect(problems(report, 'fail')).toEqual([]);
    expect(problems(report, 'warn')).toEqual([]);
    expect(report.eras.legacy).toEqual(['2025-03-26', '2025-06-18', '2025-11-25']);
    expect(report.eras.modern).toContain('2026-07-28');
    for (const id of ['transport.origin', 'transport.get', 'transport.notification', 'protocol.discover', 'protocol.schema', 'tools.read-only-hint', 'auth.discovery-off']) {
      expect(statusOf(report, id), id).toBe('pass');
    }
    expect(statusOf(report, 'search.present')).toBe('skip');
  });
});

describe('doctor on examples/oauth (mixed: one public tool) with --login', () => {
  let dir: string;
  let local: LocalServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'doctor-oauth-'));
    const config = await loadConfig(join(packageRoot, 'examples/oauth/mcp.yaml'), { env: { DATABASE_URL: `sqlite:${join(dir, 'state.db')}` }, dotenv: false, kinds: [calculatorKind] });
    await addUser(config.storage, config.baseDir);
    local = await startLocalServer(config, { kinds: [calculatorKind] });
  });
  afterAll(async () => {
    await local.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs in through the real login and consent page; every auth check passes', async () => {
    const report = await runDoctor(local.url, { timeoutMs: 5000, login: { username: EMAIL, password: PASSWORD } });
    expect(problems(report, 'fail')).toEqual([]);
    expect(problems(report, 'warn')).toEqual([]);
    for (const id of [...AUTH_CHECKS, 'protocol.schema', 'tools.security-schemes', 'auth.tool-challenge']) {
      expect(statusOf(report, id), id).toBe('pass');
    }
  });

  it('without --login: recognises mixed mode from the tools, checks discovery instead of discovery-off', async () => {
    const report = await runDoctor(local.url, { timeoutMs: 5000 });
    expect(problems(report, 'fail')).toEqual([]);
    for (const id of ['tools.security-schemes', 'auth.prm', 'auth.as-metadata', 'auth.issuer', 'auth.pkce-s256', 'auth.dcr', 'protocol.schema']) {
      expect(statusOf(report, id), id).toBe('pass');
    }
    expect(report.checks.find((c) => c.id === 'tools.security-schemes')?.message).toMatch(/mixed auth/);
    expect(statusOf(report, 'auth.discovery-off')).toBe('skip');
  });
});

describe('doctor on examples/quickstart served by mcp-devmode', () => {
  let local: LocalServer;
  beforeAll(async () => {
    const config = await loadConfig(join(packageRoot, 'examples/quickstart/mcp.yaml'), { env: { PORT: '0' }, dotenv: false });
    local = await startLocalServer(config);
  });
  afterAll(() => local.stop());

  it('passes every check: both eras, search/fetch shapes, no auth routes', async () => {
    const report = await runDoctor(local.url, { timeoutMs: 5000 });
    expect(problems(report, 'fail')).toEqual([]);
    expect(problems(report, 'warn')).toEqual([]);
    for (const id of ['protocol.discover', 'protocol.schema', 'search.results', 'search.urls', 'search.fetch', 'tools.read-only-hint', 'transport.origin', 'auth.discovery-off']) {
      expect(statusOf(report, id), id).toBe('pass');
    }
    expect(report.eras.legacy).toEqual(['2025-03-26', '2025-06-18', '2025-11-25']);
    expect(report.eras.modern).toContain('2026-07-28');
  });
});

describe('doctor on templates/oauth-local (every tool behind OAuth) with --login', () => {
  let dir: string;
  let local: LocalServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'doctor-oauth-'));
    cpSync(join(packageRoot, 'templates/oauth-local'), dir, { recursive: true });
    // All tools behind OAuth: the endpoint answers 401 until signed in (the template's public calculator makes it mixed).
    const file = join(dir, 'mcp.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n    auth: none\n/, '\n'));
    const storage = `sqlite:${join(dir, 'state.db')}`;
    await addUser(storage, dir);
    const config = await loadConfig(file, { env: { PORT: '0', DATABASE_URL: storage }, dotenv: false });
    local = await startLocalServer(config);
  });
  afterAll(async () => {
    await local.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes every check, signed in through the real login and consent page', async () => {
    const report = await runDoctor(local.url, { timeoutMs: 5000, login: { username: EMAIL, password: PASSWORD } });
    expect(problems(report, 'fail')).toEqual([]);
    expect(problems(report, 'warn')).toEqual([]);
    for (const id of [...AUTH_CHECKS, 'search.results', 'search.fetch', 'protocol.schema']) {
      expect(statusOf(report, id), id).toBe('pass');
    }
  });
});

describe('mcp-devmode doctor with no URL', () => {
  const bin = join(packageRoot, 'bin', 'mcp-devmode.js');

  it('starts ./mcp.yaml on a free port, probes it, stops it and exits 0', async () => {
    const run = await execa(process.execPath, [bin, 'doctor'], { cwd: join(packageRoot, 'examples/quickstart'), reject: false, env: { NO_COLOR: '1' }, timeout: 60_000 });
    expect(run.stderr).toMatch(/started acme-handbook from .*mcp\.yaml at http:\/\/127\.0\.0\.1:\d+\/mcp/);
    expect(run.stdout.trim().split('\n').at(-1)).toMatch(/^✓ ready for ChatGPT Developer Mode/);
    expect(run.exitCode).toBe(0);
  });

  it('on examples/oauth (mixed mode, no --login): no failures, exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'doctor-mixed-'));
    try {
      cpSync(join(packageRoot, 'examples/oauth/mcp.yaml'), join(dir, 'mcp.yaml'));
      const run = await execa(process.execPath, [bin, 'doctor', '--json'], { cwd: dir, reject: false, env: { NO_COLOR: '1', PORT: '0' }, timeout: 60_000 });
      const report = JSON.parse(run.stdout) as DoctorReport;
      expect(problems(report, 'fail')).toEqual([]);
      expect(statusOf(report, 'tools.security-schemes')).toBe('pass');
      expect(statusOf(report, 'auth.discovery-off')).toBe('skip');
      expect(run.exitCode).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 with the located config error when mcp.yaml is invalid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'doctor-bad-'));
    try {
      writeFileSync(join(dir, 'mcp.yaml'), 'name: x\nversion: 1.0.0\ntools:\n  - name: a\n    kind: nope\n');
      const run = await execa(process.execPath, [bin, 'doctor'], { cwd: dir, reject: false, env: { NO_COLOR: '1' }, timeout: 60_000 });
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toMatch(/mcp\.yaml:\d+:\d+/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
