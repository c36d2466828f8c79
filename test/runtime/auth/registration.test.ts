// The other two ways a client is known: a Client ID Metadata Document (https client_id fetched by us)
// and a client pre-registered in mcp.yaml — both driven by the official SDK v1 client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/runtime/store/open.js';
import type { Store } from '../../../src/runtime/store/types.js';
import { hashPassword } from '../../../src/runtime/auth/password.js';
import { startServer, testConfig, type TestServer } from './harness.js';
import { connectWithOAuth, HeadlessProvider, REDIRECT_URL } from './sdk-client.js';
import { selfSignedCert, startMetadataServer, trustingFetch, type MetadataServer } from './tls-fixture.js';
import { authorizeUrl, pkce } from './oauth-client.js';
import { Browser } from './harness.js';

const EMAIL = 'lin@example.com';
const PASSWORD = 'another fine password';
const SECRET = 'pre-registered-secret-0123456789';

let store: Store;
let tls: { key: string; cert: string };
let meta: MetadataServer;

beforeAll(async () => {
  store = await openStore('sqlite::memory:', '/tmp');
  await store.createUser({ id: 'user-lin', email: EMAIL, passwordHash: await hashPassword(PASSWORD), createdAt: Date.now() });
  tls = selfSignedCert();
  meta = await startMetadataServer(tls, (url) => ({
    client_id: url,
    client_name: 'CIMD Test Client',
    redirect_uris: [REDIRECT_URL],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
  }));
});
afterAll(async () => {
  await meta.close();
  await store.close();
});

describe('Client ID Metadata Documents', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startServer(testConfig({ users: 'local' }), { store, fetch: trustingFetch(tls.cert) });
  });
  afterAll(() => srv.close());

  it('signs in with an https client_id whose document we fetch (SDK v1, no registration)', async () => {
    const provider = new HeadlessProvider(srv.origin, { email: EMAIL, password: PASSWORD }, { clientMetadataUrl: meta.url });
    const client = await connectWithOAuth(srv.mcpUrl, provider);
    expect(provider.info?.client_id).toBe(meta.url);
    const result = await client.callTool({ name: 'whoami', arguments: {} });
    expect(JSON.parse((result.content as { text: string }[])[0]!.text)).toMatchObject({ subject: 'user-lin', clientId: meta.url });
    await client.close();
    // The consent page named the client from its document.
    expect(meta.hits).toBeGreaterThanOrEqual(1);
  });

  it('caches the document per Cache-Control', async () => {
    const before = meta.hits;
    const { challenge } = pkce();
    const url = authorizeUrl(srv.origin, { response_type: 'code', client_id: meta.url, redirect_uri: REDIRECT_URL, code_challenge: challenge, code_challenge_method: 'S256', resource: srv.mcpUrl });
    const { res } = await new Browser().follow(url, srv.origin);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('CIMD Test Client');
    expect(meta.hits).toBe(before);
  });

  it('refuses a redirect_uri the document does not list', async () => {
    const { challenge } = pkce();
    const url = authorizeUrl(srv.origin, { response_type: 'code', client_id: meta.url, redirect_uri: 'http://127.0.0.1:7777/other', code_challenge: challenge, code_challenge_method: 'S256', resource: srv.mcpUrl });
    const res = await new Browser().request(url);
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
  });
});

describe('the SSRF guard', () => {
  it('is what the default metadata fetch goes through: loopback is refused before connecting', async () => {
    const { guardedMetadataFetch } = await import('../../../src/runtime/auth/cimd-fetch.js');
    await expect(guardedMetadataFetch()(meta.url, { method: 'GET', headers: { accept: 'application/json' } })).rejects.toMatchObject({ code: 'blocked_address' });
  });

  it('refuses to fetch a client metadata document from a private address by default', async () => {
    const srv = await startServer(testConfig({ users: 'local' }), { store });
    try {
      const { challenge } = pkce();
      const url = authorizeUrl(srv.origin, { response_type: 'code', client_id: meta.url, redirect_uri: REDIRECT_URL, code_challenge: challenge, code_challenge_method: 'S256', resource: srv.mcpUrl });
      const before = meta.hits;
      const res = await new Browser().request(url);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('invalid_client');
      expect(meta.hits).toBe(before);
    } finally {
      await srv.close();
    }
  });
});

describe('pre-registered clients from mcp.yaml', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startServer(testConfig({ users: 'local', clients: [{ id: 'my-client', secret: SECRET, name: 'My Connector', redirectUris: [REDIRECT_URL] }] }), { store });
  });
  afterAll(() => srv.close());

  it('signs in with static credentials (SDK v1)', async () => {
    const provider = new HeadlessProvider(srv.origin, { email: EMAIL, password: PASSWORD }, { info: { client_id: 'my-client', client_secret: SECRET } });
    const client = await connectWithOAuth(srv.mcpUrl, provider);
    const result = await client.callTool({ name: 'whoami', arguments: {} });
    expect(JSON.parse((result.content as { text: string }[])[0]!.text)).toMatchObject({ subject: 'user-lin', clientId: 'my-client' });
    await client.close();
  });

  it('refuses a wrong secret', async () => {
    const res = await fetch(`${srv.origin}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from('my-client:wrong').toString('base64')}` },
      body: 'grant_type=authorization_code&code=x&redirect_uri=' + encodeURIComponent(REDIRECT_URL) + '&code_verifier=' + 'a'.repeat(43),
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_client');
  });
});
