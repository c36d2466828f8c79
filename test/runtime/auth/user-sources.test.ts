// Supabase users (the real supabase-js client against a local stand-in of Supabase Auth's password
// grant) and the demo user (development only).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/runtime/store/open.js';
import type { Store } from '../../../src/runtime/store/types.js';
import { createAuthLayer } from '../../../src/runtime/auth/layer.js';
import { silentLogger } from '../../../src/runtime/logger.js';
import { startServer, testConfig, type TestServer } from './harness.js';
import { authorizeAndLogin, callMcp, pkce, registerOk, standardParams, tokenRequest } from './oauth-client.js';

const REDIRECT = 'https://app.example.com/cb';
const ANON_KEY = 'test-anon-key';
const SUPABASE_USER = { id: '6b1f2c3d-0000-4000-8000-00000000abcd', email: 'sam@example.com', password: 'supabase password' };
const SUPABASE_ACCESS_TOKEN = 'supabase-session-token-never-forwarded';

/** Stand-in for POST /auth/v1/token?grant_type=password, answering as Supabase Auth does. */
async function startSupabaseStandIn(): Promise<{ url: string; server: Server; requests: { apikey?: string; grantType?: string | null }[] }> {
  const requests: { apikey?: string; grantType?: string | null }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      requests.push({ apikey: req.headers.apikey as string | undefined, grantType: url.searchParams.get('grant_type') });
      if (req.method !== 'POST' || url.pathname !== '/auth/v1/token' || url.searchParams.get('grant_type') !== 'password') {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"code":404,"msg":"not found"}');
        return;
      }
      const { email, password } = JSON.parse(body || '{}') as { email?: string; password?: string };
      if (email !== SUPABASE_USER.email || password !== SUPABASE_USER.password) {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 400, error_code: 'invalid_credentials', msg: 'Invalid login credentials' }));
        return;
      }
      const now = Math.floor(Date.now() / 1000);
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          access_token: SUPABASE_ACCESS_TOKEN,
          token_type: 'bearer',
          expires_in: 3600,
          expires_at: now + 3600,
          refresh_token: 'supabase-refresh',
          user: { id: SUPABASE_USER.id, aud: 'authenticated', role: 'authenticated', email: SUPABASE_USER.email, app_metadata: {}, user_metadata: {}, created_at: new Date().toISOString() },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, requests };
}

describe('users: supabase', () => {
  let supabase: Awaited<ReturnType<typeof startSupabaseStandIn>>;
  let store: Store;
  let srv: TestServer;
  beforeAll(async () => {
    supabase = await startSupabaseStandIn();
    store = await openStore('sqlite::memory:', '/tmp');
    srv = await startServer(testConfig({ users: 'supabase', supabase: { url: supabase.url, anonKey: ANON_KEY } }), { store });
  });
  afterAll(async () => {
    await srv.close();
    await store.close();
    supabase.server.close();
  });

  it('signs in through supabase-js and issues our own tokens (no passthrough)', async () => {
    const client = await registerOk(srv.origin, { redirect_uris: [REDIRECT] });
    const { verifier, challenge } = pkce();
    const outcome = await authorizeAndLogin(srv.origin, standardParams({ client, resource: srv.mcpUrl, challenge }), { email: SUPABASE_USER.email, password: SUPABASE_USER.password });
    const code = outcome.redirect?.searchParams.get('code');
    expect(code, `${outcome.status} ${outcome.html.slice(0, 200)}`).toBeTruthy();
    expect(supabase.requests.at(-1)).toEqual({ apikey: ANON_KEY, grantType: 'password' });
    const tokens = await tokenRequest(srv.origin, { grant_type: 'authorization_code', code: code!, code_verifier: verifier, client_id: client.client_id, redirect_uri: REDIRECT, resource: srv.mcpUrl });
    expect(tokens.status).toBe(200);
    expect(JSON.stringify(tokens.body)).not.toContain(SUPABASE_ACCESS_TOKEN);
    const payload = JSON.parse(Buffer.from(String(tokens.body.access_token).split('.')[1]!, 'base64url').toString());
    expect(payload.sub).toBe(`supabase:${SUPABASE_USER.id}`);
    expect((await callMcp(srv.mcpUrl, String(tokens.body.access_token))).status).toBe(200);
    // Refresh keeps working for a Supabase subject.
    const refreshed = await tokenRequest(srv.origin, { grant_type: 'refresh_token', refresh_token: String(tokens.body.refresh_token), client_id: client.client_id });
    expect(refreshed.status).toBe(200);
  });

  it('shows a friendly error for a wrong Supabase password', async () => {
    const client = await registerOk(srv.origin, { redirect_uris: [REDIRECT] });
    const { challenge } = pkce();
    const outcome = await authorizeAndLogin(srv.origin, standardParams({ client, resource: srv.mcpUrl, challenge }), { email: SUPABASE_USER.email, password: 'nope' });
    expect(outcome.status).toBe(401);
    expect(outcome.html).toContain('Wrong email or password.');
  });

  it('refuses to start without auth.supabase', async () => {
    await expect(createAuthLayer(testConfig({ users: 'supabase' }), { logger: silentLogger(), store, publicOrigin: 'http://127.0.0.1:1' })).rejects.toMatchObject({ code: 'supabase_missing' });
  });
});

describe('users: demo', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore('sqlite::memory:', '/tmp');
  });
  afterAll(() => store.close());

  it('signs in with one click in development', async () => {
    const srv = await startServer(testConfig({ users: 'demo' }), { store, env: { NODE_ENV: 'development' } });
    try {
      const client = await registerOk(srv.origin, { redirect_uris: [REDIRECT] });
      const { verifier, challenge } = pkce();
      const outcome = await authorizeAndLogin(srv.origin, standardParams({ client, resource: srv.mcpUrl, challenge }), {});
      const code = outcome.redirect?.searchParams.get('code');
      expect(code).toBeTruthy();
      const tokens = await tokenRequest(srv.origin, { grant_type: 'authorization_code', code: code!, code_verifier: verifier, client_id: client.client_id, redirect_uri: REDIRECT, resource: srv.mcpUrl });
      expect(JSON.parse(Buffer.from(String(tokens.body.access_token).split('.')[1]!, 'base64url').toString()).sub).toBe('demo');
    } finally {
      await srv.close();
    }
  });

  it('is refused when NODE_ENV=production unless allowDemo is set', async () => {
    await expect(createAuthLayer(testConfig({ users: 'demo' }), { logger: silentLogger(), store, env: { NODE_ENV: 'production' }, publicOrigin: 'http://127.0.0.1:1' })).rejects.toMatchObject({ code: 'demo_in_production' });
    const layer = await createAuthLayer(testConfig({ users: 'demo', allowDemo: true }), { logger: silentLogger(), store, env: { NODE_ENV: 'production' }, publicOrigin: 'http://127.0.0.1:1' });
    expect(layer.enabled).toBe(true);
    await layer.close();
  });
});
