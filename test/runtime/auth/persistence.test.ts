// State that must survive: a restart on the same SQLite file keeps clients, users, keys and refresh
// tokens; two instances on one PostgreSQL accept each other's tokens and refresh tokens.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/runtime/store/open.js';
import type { Store } from '../../../src/runtime/store/types.js';
import { hashPassword } from '../../../src/runtime/auth/password.js';
import { startServer, testConfig, type TestServer } from './harness.js';
import { authorizeAndLogin, callMcp, pkce, registerOk, standardParams, tokenRequest, type RegisteredClient } from './oauth-client.js';
import { freshSchemaUrl, postgresAvailable } from '../store/pg-available.js';

const EMAIL = 'kim@example.com';
const PASSWORD = 'persistence password';
const REDIRECT = 'https://app.example.com/cb';

async function signIn(srv: TestServer, client: RegisteredClient, resource: string): Promise<{ access_token: string; refresh_token: string }> {
  const { verifier, challenge } = pkce();
  const outcome = await authorizeAndLogin(srv.origin, standardParams({ client, resource, challenge }), { email: EMAIL, password: PASSWORD });
  const code = outcome.redirect?.searchParams.get('code');
  if (!code) throw new Error(`login failed: ${outcome.status} ${outcome.redirect}`);
  const res = await tokenRequest(srv.origin, { grant_type: 'authorization_code', code, code_verifier: verifier, client_id: client.client_id, redirect_uri: REDIRECT, resource });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  return res.body as { access_token: string; refresh_token: string };
}

async function seedUser(store: Store): Promise<void> {
  await store.createUser({ id: 'user-kim', email: EMAIL, passwordHash: await hashPassword(PASSWORD), createdAt: Date.now() });
}

describe('restart on the same SQLite file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-auth-restart-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the DCR client, users, signing keys and refresh tokens', async () => {
    const config = testConfig({ users: 'local' }, { storage: 'sqlite:state.db', baseDir: dir });
    const seed = await openStore(config.storage, dir);
    await seedUser(seed);
    await seed.close();

    // Both runs present the same public URL, as a real deployment would.
    const first = await startServer(config);
    const publicOrigin = first.origin;
    const resource = `${publicOrigin}/mcp`;
    const client = await registerOk(first.origin, { redirect_uris: [REDIRECT] });
    const tokens = await signIn(first, client, resource);
    await first.close();

    const second = await startServer(config, { publicOrigin });
    try {
      expect((await callMcp(`${second.origin}/mcp`, tokens.access_token)).status).toBe(200);
      const refreshed = await tokenRequest(second.origin, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: client.client_id });
      expect(refreshed.status).toBe(200);
      expect((await callMcp(`${second.origin}/mcp`, String(refreshed.body.access_token))).status).toBe(200);
    } finally {
      await second.close();
    }
  });
});

describe('removing a user', () => {
  it('stops their refresh tokens', async () => {
    const store = await openStore('sqlite::memory:', '/tmp');
    await seedUser(store);
    const srv = await startServer(testConfig({ users: 'local' }), { store });
    try {
      const client = await registerOk(srv.origin, { redirect_uris: [REDIRECT] });
      const tokens = await signIn(srv, client, srv.mcpUrl);
      expect(await store.deleteUser(EMAIL)).toBe(true);
      const refreshed = await tokenRequest(srv.origin, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: client.client_id });
      expect(refreshed.body.error).toBe('invalid_grant');
    } finally {
      await srv.close();
      await store.close();
    }
  });
});

const pgUp = await postgresAvailable();

describe.skipIf(!pgUp)('two instances on one PostgreSQL', () => {
  it("accept each other's access tokens and refresh tokens, and share reuse detection", async () => {
    const url = await freshSchemaUrl('auth_two_instances');
    const seed = await openStore(url, '/tmp');
    await seedUser(seed);
    await seed.close();
    const config = testConfig({ users: 'local' }, { storage: url });
    const a = await startServer(config);
    const b = await startServer(config, { publicOrigin: a.origin });
    try {
      const resource = `${a.origin}/mcp`;
      const client = await registerOk(a.origin, { redirect_uris: [REDIRECT] });
      const tokens = await signIn(a, client, resource);
      // B verifies A's token with the shared keys, and refreshes A's refresh token.
      expect((await callMcp(`${b.origin}/mcp`, tokens.access_token)).status).toBe(200);
      const viaB = await tokenRequest(b.origin, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: client.client_id });
      expect(viaB.status).toBe(200);
      expect((await callMcp(`${a.origin}/mcp`, String(viaB.body.access_token))).status).toBe(200);
      // Reusing the rotated token at A revokes the grant for both.
      const reuse = await tokenRequest(a.origin, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: client.client_id });
      expect(reuse.body.error).toBe('invalid_grant');
      const afterReuse = await tokenRequest(b.origin, { grant_type: 'refresh_token', refresh_token: String(viaB.body.refresh_token), client_id: client.client_id });
      expect(afterReuse.body.error).toBe('invalid_grant');
      expect((await callMcp(`${a.origin}/mcp`, String(viaB.body.access_token))).status).toBe(401);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
