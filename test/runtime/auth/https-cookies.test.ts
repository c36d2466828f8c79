// Behind an https proxy (issuer https, X-Forwarded-Proto: https) cookies are Secure, HttpOnly,
// SameSite=Lax, and use the __Host- prefix where the path allows it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/runtime/store/open.js';
import type { Store } from '../../../src/runtime/store/types.js';
import { startServer, testConfig, type TestServer } from './harness.js';
import { authorizeUrl, pkce, registerOk } from './oauth-client.js';

const PUBLIC = 'https://mcp.example.com';

describe('cookies over https', () => {
  let store: Store;
  let srv: TestServer;
  beforeAll(async () => {
    store = await openStore('sqlite::memory:', '/tmp');
    srv = await startServer(testConfig({ users: 'local' }), { store, publicOrigin: PUBLIC });
  });
  afterAll(async () => {
    await srv.close();
    await store.close();
  });

  it('sets Secure HttpOnly SameSite=Lax cookies: __Host- for the CSRF cookie, __Secure- for path-scoped interaction cookies', async () => {
    const client = await registerOk(srv.origin, { redirect_uris: ['https://app.example.com/cb'] });
    const { challenge } = pkce();
    const proxied = { 'x-forwarded-proto': 'https', host: 'mcp.example.com' };
    const url = authorizeUrl(srv.origin, { response_type: 'code', client_id: client.client_id, redirect_uri: 'https://app.example.com/cb', code_challenge: challenge, code_challenge_method: 'S256', resource: `${PUBLIC}/mcp` });
    const start = await fetch(url, { headers: proxied, redirect: 'manual' });
    expect(start.status).toBe(303);
    const interactionCookies = start.headers.getSetCookie();
    expect(interactionCookies.length).toBeGreaterThan(0);
    for (const c of interactionCookies) {
      expect(c).toMatch(/;\s*secure/i);
      expect(c).toMatch(/;\s*httponly/i);
      expect(c).toMatch(/;\s*samesite=lax/i);
      expect(c).toMatch(/^__(Secure|Host)-/);
    }
    const location = new URL(start.headers.get('location')!, PUBLIC);
    const cookie = interactionCookies.map((c) => c.split(';')[0]).join('; ');
    const page = await fetch(`${srv.origin}${location.pathname}`, { headers: { ...proxied, cookie } });
    expect(page.status).toBe(200);
    const csrf = page.headers.getSetCookie().find((c) => c.includes('mcp_csrf'));
    expect(csrf).toMatch(/^__Host-mcp_csrf=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+; Secure$/);
  });
});
