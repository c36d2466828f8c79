// doctor against our OAuth layer (src/runtime/auth, oidc-provider) in front of an MCP endpoint: the whole flow passes headlessly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/runtime/store/open.js';
import type { Store } from '../../src/runtime/store/types.js';
import { hashPassword } from '../../src/runtime/auth/password.js';
import { runDoctor } from '../../src/doctor/index.js';
import { startServer, testConfig, type TestServer } from '../runtime/auth/harness.js';

const EMAIL = 'ada@example.com';
const PASSWORD = 'correct horse battery staple';

describe('doctor on our OAuth layer', () => {
  let store: Store;
  let srv: TestServer;

  beforeAll(async () => {
    store = await openStore('sqlite::memory:', '/tmp');
    await store.createUser({ id: 'user-ada', email: EMAIL, passwordHash: await hashPassword(PASSWORD), createdAt: Date.now() });
    srv = await startServer(testConfig({ users: 'local', scopes: ['mcp:read', 'mcp:write'] }), { store });
  });
  afterAll(async () => {
    await srv.close();
    await store.close();
  });

  it('passes every auth check with --login, driving the real login/consent page', async () => {
    const report = await runDoctor(srv.mcpUrl, { timeoutMs: 5000, login: { username: EMAIL, password: PASSWORD } });
    const auth = Object.fromEntries(report.checks.filter((c) => c.area === 'auth').map((c) => [c.id, `${c.status}: ${c.message}`]));
    for (const id of ['auth.challenge', 'auth.prm', 'auth.prm-resource', 'auth.as-metadata', 'auth.issuer', 'auth.pkce-s256', 'auth.token-auth-methods', 'auth.cimd', 'auth.dcr', 'auth.authorize-no-scope', 'auth.login', 'auth.iss', 'auth.token', 'auth.invalid-token', 'auth.refresh-rotates', 'auth.refresh-reuse']) {
      expect(auth[id], id).toMatch(/^pass: /);
    }
    expect(report.checks.find((c) => c.id === 'tools.list')?.status).toBe('pass');
  });

  it('without --login: discovery passes and the MCP checks are skipped with the reason', async () => {
    const report = await runDoctor(srv.mcpUrl, { timeoutMs: 5000 });
    expect(report.checks.find((c) => c.id === 'auth.dcr')?.status).toBe('pass');
    expect(report.checks.find((c) => c.id === 'auth.login')?.message).toMatch(/--login/);
    expect(report.checks.find((c) => c.id === 'tools.list')?.message).toMatch(/requires OAuth: run with --login/);
  });
});
