// doctor against a correct hand-written server (no auth, then OAuth with --login): nothing fails, nothing warns.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/package-info.js';
import { runDoctor } from '../../src/doctor/index.js';
import type { DoctorReport } from '../../src/doctor/types.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/broken-servers/server.js';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function problems(report: DoctorReport): string[] {
  return report.checks.filter((c) => c.status === 'fail' || c.status === 'warn').map((c) => `${c.id}: ${c.message}`);
}

function status(report: DoctorReport, id: string): string | undefined {
  return report.checks.find((c) => c.id === id)?.status;
}

describe('doctor on a correct server', () => {
  it('passes every applicable check when auth is off', async () => {
    server = await startFixtureServer();
    const report = await runDoctor(server.url, { timeoutMs: 5000 });
    expect(problems(report)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.eras.legacy).toEqual(['2025-03-26', '2025-06-18', '2025-11-25']);
    for (const id of ['endpoint.mcp', 'transport.get', 'transport.parse-error', 'transport.notification', 'protocol.discover', 'protocol.schema', 'tools.read-only-hint', 'search.results', 'search.urls', 'search.fetch', 'auth.discovery-off']) {
      expect(status(report, id), id).toBe('pass');
    }
    expect(status(report, 'auth.prm')).toBe('skip');
  });

  it('reports every check (skipped ones too), each documented in docs/doctor-checks.md', async () => {
    server = await startFixtureServer();
    const report = await runDoctor(server.url, { timeoutMs: 5000 });
    const docs = readFileSync(join(packageRoot, 'docs/doctor-checks.md'), 'utf8');
    const ids = report.checks.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(53);
    expect(ids.filter((id) => !docs.includes(`| \`${id}\` |`))).toEqual([]);
  });

  it('completes the OAuth flow headlessly with --login and checks token, iss and refresh rotation', async () => {
    server = await startFixtureServer({ oauth: { username: 'alice@example.com', password: 's3cret' } });
    const report = await runDoctor(server.url, { timeoutMs: 5000, login: { username: 'alice@example.com', password: 's3cret' } });
    expect(problems(report)).toEqual([]);
    for (const id of ['auth.challenge', 'auth.prm', 'auth.prm-resource', 'auth.as-metadata', 'auth.issuer', 'auth.pkce-s256', 'auth.dcr', 'auth.authorize-no-scope', 'auth.login', 'auth.iss', 'auth.token', 'auth.invalid-token', 'auth.refresh-rotates', 'auth.refresh-reuse', 'tools.list', 'search.fetch']) {
      expect(status(report, id), id).toBe('pass');
    }
    expect(status(report, 'auth.discovery-off')).toBe('skip');
  });

  it('reports wrong credentials as a failed sign-in instead of crashing', async () => {
    server = await startFixtureServer({ oauth: { username: 'alice@example.com', password: 's3cret' } });
    const report = await runDoctor(server.url, { timeoutMs: 5000, login: { username: 'alice@example.com', password: 'wrong' } });
    const loginCheck = report.checks.find((c) => c.id === 'auth.login');
    expect(loginCheck?.status).toBe('fail');
    expect(loginCheck?.message).toMatch(/login form came back/);
    expect(status(report, 'tools.list')).toBe('skip');
  });
});

describe('doctor on a mixed-mode server (public endpoint, per-tool oauth2 securitySchemes)', () => {
  it('recognises mixed mode from the tools and still checks discovery and the flow', async () => {
    server = await startFixtureServer({ oauth: { username: 'alice@example.com', password: 's3cret' }, mixedAuth: true });
    const report = await runDoctor(server.url, { timeoutMs: 5000, login: { username: 'alice@example.com', password: 's3cret' } });
    expect(problems(report)).toEqual([]);
    expect(report.checks.find((c) => c.id === 'auth.challenge')?.message).toMatch(/mixed mode/);
    for (const id of ['auth.prm', 'auth.issuer', 'auth.dcr', 'auth.login', 'auth.token', 'auth.invalid-token', 'auth.refresh-rotates', 'auth.refresh-reuse', 'tools.security-schemes', 'auth.tool-challenge']) expect(status(report, id), id).toBe('pass');
    expect(status(report, 'auth.discovery-off')).toBe('skip');
  });
});
