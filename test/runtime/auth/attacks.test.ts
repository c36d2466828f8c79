// The attack table: each attempt is refused with the right error, and nothing leaks or redirects
// where it should not.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SignJWT, importJWK, type JWK } from 'jose';
import { openStore } from '../../../src/runtime/store/open.js';
import type { Store } from '../../../src/runtime/store/types.js';
import { hashPassword } from '../../../src/runtime/auth/password.js';
import { Browser, csrfFrom, formAction, startServer, testConfig, type TestServer } from './harness.js';
import { authorizeAndLogin, authorizeUrl, callMcp, pkce, registerOk, standardParams, tokenRequest, type RegisteredClient, register } from './oauth-client.js';

const EMAIL = 'grace@example.com';
const PASSWORD = 'a long and good password';
const CREDS = { email: EMAIL, password: PASSWORD };
const REDIRECT = 'https://app.example.com/cb';

let store: Store;
let srv: TestServer;
let client: RegisteredClient;

beforeAll(async () => {
  store = await openStore('sqlite::memory:', '/tmp');
  await store.createUser({ id: 'user-grace', email: EMAIL, passwordHash: await hashPassword(PASSWORD), createdAt: Date.now() });
  srv = await startServer(testConfig({ users: 'local', loginRateLimit: { max: 3, windowSeconds: 600 } }), { store });
  client = await registerOk(srv.origin, { client_name: 'Attack Test', redirect_uris: [REDIRECT] });
});
afterAll(async () => {
  await srv.close();
  await store.close();
});

async function codeFor(c: RegisteredClient = client, creds = CREDS): Promise<{ code: string; verifier: string }> {
  const { verifier, challenge } = pkce();
  const outcome = await authorizeAndLogin(srv.origin, standardParams({ client: c, resource: srv.mcpUrl, challenge }), creds);
  const code = outcome.redirect?.searchParams.get('code');
  if (!code) throw new Error(`no code: ${outcome.status} ${outcome.redirect}`);
  return { code, verifier };
}

async function exchange(code: string, verifier: string | undefined, c: RegisteredClient = client, redirectUri = REDIRECT) {
  return tokenRequest(srv.origin, { grant_type: 'authorization_code', code, code_verifier: verifier, client_id: c.client_id, redirect_uri: redirectUri, resource: srv.mcpUrl });
}

type SigningKey = Awaited<ReturnType<typeof importJWK>>;

async function signingKey(): Promise<{ key: SigningKey; kid: string }> {
  const jwks = JSON.parse(await store.getOrCreateSecret('signing_jwks', () => { throw new Error('no keys'); })) as { keys: JWK[] };
  const jwk = jwks.keys[0]!;
  return { key: await importJWK(jwk, 'RS256'), kid: jwk.kid! };
}

describe('redirect URIs are matched exactly; no open redirect', () => {
  const bad = [
    ['prefix', 'https://app.example.com/c'],
    ['suffix', 'https://app.example.com/cbx'],
    ['extra path', 'https://app.example.com/cb/extra'],
    ['case (host)', 'https://APP.example.com/cb'],
    ['case (path)', 'https://app.example.com/CB'],
    ['added query', 'https://app.example.com/cb?next=https://evil.example'],
    ['dot segment', 'https://app.example.com/cb/../evil'],
    ['other host', 'https://evil.example/cb'],
    ['userinfo trick', 'https://app.example.com@evil.example/cb'],
  ] as const;
  for (const [label, uri] of bad) {
    it(`refuses a ${label} redirect_uri without redirecting`, async () => {
      const { challenge } = pkce();
      const res = await new Browser().request(authorizeUrl(srv.origin, standardParams({ client, resource: srv.mcpUrl, challenge, redirectUri: uri })));
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.text()).toContain('redirect_uri');
    });
  }

  it('refuses to register non-https, non-loopback redirect URIs', async () => {
    for (const uri of ['http://app.example.com/cb', 'javascript:alert(1)', 'https://app.example.com/cb#frag']) {
      const { status, body } = await register(srv.origin, { redirect_uris: [uri] });
      expect(status, uri).toBe(400);
      expect(String(body.error)).toMatch(/invalid_redirect_uri|invalid_client_metadata/);
    }
  });

  it('lets native clients use a loopback redirect on any port', async () => {
    const native = await registerOk(srv.origin, { application_type: 'native', redirect_uris: ['http://127.0.0.1/callback'] });
    const { challenge } = pkce();
    const outcome = await authorizeAndLogin(srv.origin, standardParams({ client: native, resource: srv.mcpUrl, challenge, redirectUri: 'http://127.0.0.1:51234/callback' }), CREDS);
    expect(outcome.redirect?.origin).toBe('http://127.0.0.1:51234');
    expect(outcome.redirect?.searchParams.get('code')).toBeTruthy();
  });
});

describe('PKCE', () => {
  it('is required', async () => {
    const outcome = await authorizeAndLogin(srv.origin, standardParams({ client, resource: srv.mcpUrl }), CREDS);
    expect(outcome.redirect?.searchParams.get('error')).toBe('invalid_request');
    expect(outcome.redirect?.searchParams.get('error_description')).toMatch(/PKCE/);
    expect(outcome.redirect?.searchParams.get('iss')).toBe(srv.origin);
  });

  it('refuses the plain method', async () => {
    const outcome = await authorizeAndLogin(srv.origin, standardParams({ client, resource: srv.mcpUrl, challenge: 'a'.repeat(43), method: 'plain' }), CREDS);
    expect(outcome.redirect?.searchParams.get('error')).toBe('invalid_request');
    expect(outcome.redirect?.searchParams.get('code')).toBeNull();
  });

  it('refuses a wrong or missing verifier at the token endpoint', async () => {
    const { code } = await codeFor();
    expect((await exchange(code, pkce().verifier)).body.error).toBe('invalid_grant');
    const second = await codeFor();
    expect((await exchange(second.code, undefined)).body.error).toMatch(/invalid_grant|invalid_request/);
  });
});

describe('authorization codes', () => {
  it('work once; reuse fails and revokes what the first use issued', async () => {
    const { code, verifier } = await codeFor();
    const first = await exchange(code, verifier);
    expect(first.status).toBe(200);
    expect((await callMcp(srv.mcpUrl, String(first.body.access_token))).status).toBe(200);
    const again = await exchange(code, verifier);
    expect(again.body.error).toBe('invalid_grant');
    expect((await callMcp(srv.mcpUrl, String(first.body.access_token))).status).toBe(401);
    const refresh = await tokenRequest(srv.origin, { grant_type: 'refresh_token', refresh_token: String(first.body.refresh_token), client_id: client.client_id });
    expect(refresh.body.error).toBe('invalid_grant');
  });

  it('cannot be redeemed by another client', async () => {
    const other = await registerOk(srv.origin, { redirect_uris: [REDIRECT] });
    const { code, verifier } = await codeFor();
    expect((await exchange(code, verifier, other)).body.error).toBe('invalid_grant');
  });

  it('expire after a minute', async () => {
    const { code, verifier } = await codeFor();
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 5 * 60_000 });
    try {
      expect((await exchange(code, verifier)).body.error).toBe('invalid_grant');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('refresh tokens', () => {
  it('rotate; reusing a rotated one revokes the whole grant', async () => {
    const { code, verifier } = await codeFor();
    const tokens = (await exchange(code, verifier)).body;
    const r1 = await tokenRequest(srv.origin, { grant_type: 'refresh_token', refresh_token: String(tokens.refresh_token), client_id: client.client_id });
    expect(r1.status).toBe(200);
    expect(r1.body.refresh_token).not.toBe(tokens.refresh_token);
    const reuse = await tokenRequest(srv.origin, { grant_type: 'refresh_token', refresh_token: String(tokens.refresh_token), client_id: client.client_id });
    expect(reuse.body.error).toBe('invalid_grant');
    const r2 = await tokenRequest(srv.origin, { grant_type: 'refresh_token', refresh_token: String(r1.body.refresh_token), client_id: client.client_id });
    expect(r2.body.error).toBe('invalid_grant');
    expect((await callMcp(srv.mcpUrl, String(r1.body.access_token))).status).toBe(401);
    expect((await store.listAudit(200)).some((e) => e.type === 'refresh_reuse')).toBe(true);
  });

  it('cannot be used by another client', async () => {
    const other = await registerOk(srv.origin, { redirect_uris: [REDIRECT] });
    const { code, verifier } = await codeFor();
    const tokens = (await exchange(code, verifier)).body;
    const stolen = await tokenRequest(srv.origin, { grant_type: 'refresh_token', refresh_token: String(tokens.refresh_token), client_id: other.client_id });
    expect(stolen.body.error).toBe('invalid_grant');
  });
});

describe('scope and resource defaults', () => {
  it('a request without scope gets the configured scopes (ChatGPT reconnects without one)', async () => {
    const { verifier, challenge } = pkce();
    const params = { ...standardParams({ client, resource: srv.mcpUrl, challenge }), scope: undefined };
    const outcome = await authorizeAndLogin(srv.origin, params, CREDS);
    const tokens = (await exchange(outcome.redirect!.searchParams.get('code')!, verifier)).body;
    expect(tokens.scope).toBe('mcp:read mcp:write');
  });

  it('a request without resource is bound to this MCP endpoint', async () => {
    const { verifier, challenge } = pkce();
    const params = { ...standardParams({ client, resource: srv.mcpUrl, challenge }), resource: undefined };
    const outcome = await authorizeAndLogin(srv.origin, params, CREDS);
    const res = await tokenRequest(srv.origin, { grant_type: 'authorization_code', code: outcome.redirect!.searchParams.get('code')!, code_verifier: verifier, client_id: client.client_id, redirect_uri: REDIRECT });
    const payload = JSON.parse(Buffer.from(String(res.body.access_token).split('.')[1]!, 'base64url').toString());
    expect(payload.aud).toBe(srv.mcpUrl);
  });

  it('a token request for another resource than the one authorized is refused', async () => {
    const { code, verifier } = await codeFor();
    const res = await tokenRequest(srv.origin, { grant_type: 'authorization_code', code, code_verifier: verifier, client_id: client.client_id, redirect_uri: REDIRECT, resource: 'https://other.example/mcp' });
    expect(res.body.error).toBe('invalid_target');
  });
});

describe('access tokens', () => {
  it('are refused for another resource (RFC 8707)', async () => {
    const { challenge } = pkce();
    const outcome = await authorizeAndLogin(srv.origin, standardParams({ client, resource: 'https://other.example/mcp', challenge }), CREDS);
    expect(outcome.redirect?.searchParams.get('error')).toBe('invalid_target');
    const { key, kid } = await signingKey();
    const foreign = await new SignJWT({ client_id: client.client_id, scope: 'mcp:read' })
      .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid })
      .setIssuer(srv.origin).setAudience('https://other.example/mcp').setSubject('user-grace').setIssuedAt().setExpirationTime('5m')
      .sign(key);
    const res = await callMcp(srv.mcpUrl, foreign);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/error="invalid_token", error_description="The access token is for another resource."/);
  });

  it('refuse tampered, expired, none-alg, garbage and non-Bearer tokens with 401 (never 200)', async () => {
    const { code, verifier } = await codeFor();
    const good = String((await exchange(code, verifier)).body.access_token);
    const [h, p, s] = good.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...payload, sub: 'admin' })).toString('base64url')}.${s}`;
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url')}.${p}.`;
    const { key, kid } = await signingKey();
    const expired = await new SignJWT({ client_id: client.client_id, scope: 'mcp:read', gid: payload.gid })
      .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid })
      .setIssuer(srv.origin).setAudience(srv.mcpUrl).setSubject('user-grace').setIssuedAt(1_000_000).setExpirationTime(1_000_060)
      .sign(key);
    const hs256 = await new SignJWT({ client_id: client.client_id }).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' }).setIssuer(srv.origin).setAudience(srv.mcpUrl).setSubject('x').setExpirationTime('5m').sign(new TextEncoder().encode('k'.repeat(32)));
    expect((await callMcp(srv.mcpUrl, good)).status).toBe(200);
    for (const [label, token] of [['tampered', tampered], ['none alg', none], ['expired', expired], ['HS256', hs256], ['garbage', 'abc.def.ghi'], ['empty', '']] as const) {
      const res = await callMcp(srv.mcpUrl, token);
      expect(res.status, label).toBe(401);
      expect(res.headers.get('www-authenticate'), label).toContain('resource_metadata=');
    }
    const basic = await fetch(srv.mcpUrl, { method: 'POST', headers: { authorization: 'Basic dXNlcjpwYXNz', 'content-type': 'application/json' }, body: '{}' });
    expect(basic.status).toBe(401);
  });

  it('scope checks give 403 insufficient_scope', async () => {
    const { challenge, verifier } = pkce();
    const outcome = await authorizeAndLogin(srv.origin, standardParams({ client, resource: srv.mcpUrl, challenge, scope: 'mcp:read' }), CREDS);
    const tokens = (await exchange(outcome.redirect!.searchParams.get('code')!, verifier)).body;
    expect(tokens.scope).toBe('mcp:read');
    const decision = srv.layer.checkScopes({ subject: 's', clientId: 'c', scopes: ['mcp:read'] }, ['mcp:write']);
    expect(decision).toMatchObject({ kind: 'reject', status: 403 });
    expect(decision && 'wwwAuthenticate' in decision ? decision.wwwAuthenticate : '').toMatch(/^Bearer error="insufficient_scope", error_description=".+", resource_metadata=".+", scope="mcp:write"$/);
  });
});

describe('CORS on the token endpoint', () => {
  it('answers a public client from its redirect origin, and refuses other origins', async () => {
    const browserClient = await registerOk(srv.origin, { redirect_uris: ['https://inspector.example/cb'] });
    const post = (origin: string) =>
      fetch(`${srv.origin}/oauth/token`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'nope', client_id: browserClient.client_id }).toString(),
      });
    const allowed = await post('https://inspector.example');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://inspector.example');
    const evil = await post('https://evil.example');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('login and consent page', () => {
  async function openPage(c: RegisteredClient = client, extra: { state?: string; scope?: string } = {}) {
    const browser = new Browser();
    const { challenge } = pkce();
    const { res, url } = await browser.follow(authorizeUrl(srv.origin, standardParams({ client: c, resource: srv.mcpUrl, challenge, ...extra })), srv.origin);
    return { browser, res, url, html: await res.text() };
  }

  it('sends security headers and safe cookies', async () => {
    const { res, browser } = await openPage();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect([...browser.cookies().keys()]).toContain('mcp_csrf');
  });

  it('refuses a POST without a valid CSRF token', async () => {
    const { browser, html } = await openPage();
    const action = formAction(html, srv.origin);
    const missing = await browser.request(action, { form: { email: EMAIL, password: PASSWORD, decision: 'allow' } });
    expect(missing.status).toBe(403);
    const wrong = await browser.request(action, { form: { csrf: 'x'.repeat(43), email: EMAIL, password: PASSWORD, decision: 'allow' } });
    expect(wrong.status).toBe(403);
    // A token from the page is bound to the browser's cookie: another browser cannot replay it.
    const other = new Browser();
    const replay = await other.request(action, { form: { csrf: csrfFrom(html), email: EMAIL, password: PASSWORD, decision: 'allow' } });
    expect(replay.status).not.toBe(303);
    expect(replay.headers.get('location')).toBeNull();
  });

  it('answers junk with friendly 4xx pages, never a crash or stack trace', async () => {
    const unknown = await fetch(`${srv.origin}/oauth/interaction/does-not-exist`);
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('expired');
    const { browser, html } = await openPage();
    const action = formAction(html, srv.origin);
    const huge = await browser.request(action, { form: { csrf: csrfFrom(html), email: 'a'.repeat(20_000), password: 'x', decision: 'allow' } });
    expect(huge.status).toBe(413);
    const text = await huge.text();
    expect(text).not.toMatch(/at .*\.js:\d+/);
    const json = await fetch(`${srv.origin}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(json.status).toBeGreaterThanOrEqual(400);
    expect(json.status).toBeLessThan(500);
  });

  it('escapes XSS payloads in client_name, state and scope', async () => {
    const xss = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const evil = await registerOk(srv.origin, { client_name: xss, client_uri: 'https://app.example.com/"><script>alert(3)</script>', redirect_uris: [REDIRECT] });
    const { html } = await openPage(evil, { state: xss, scope: `mcp:read ${xss}` });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('denies: redirects with access_denied, state and iss', async () => {
    const { challenge } = pkce();
    const outcome = await authorizeAndLogin(srv.origin, standardParams({ client, resource: srv.mcpUrl, challenge, state: 's-deny' }), { email: '', password: '', decision: 'deny' });
    expect(outcome.redirect?.searchParams.get('error')).toBe('access_denied');
    expect(outcome.redirect?.searchParams.get('state')).toBe('s-deny');
    expect(outcome.redirect?.searchParams.get('iss')).toBe(srv.origin);
  });

  it('treats SQL injection strings as plain wrong credentials', async () => {
    for (const [email, password] of [["' OR '1'='1", "' OR '1'='1"], [`${EMAIL}'--`, 'x'], [EMAIL, "' OR 1=1; DROP TABLE users; --"]]) {
      const { challenge } = pkce();
      const outcome = await authorizeAndLogin(srv.origin, standardParams({ client, resource: srv.mcpUrl, challenge }), { email: email!, password: password! });
      expect(outcome.status).toBe(401);
      expect(outcome.html).toContain('Wrong email or password.');
    }
    expect(await store.findUserByEmail(EMAIL)).toBeDefined();
  });

  it('rate-limits brute force per account, even for the right password afterwards', async () => {
    const victim = 'victim@example.com';
    await store.createUser({ id: 'user-victim', email: victim, passwordHash: await hashPassword(PASSWORD), createdAt: Date.now() });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const { challenge } = pkce();
      statuses.push((await authorizeAndLogin(srv.origin, standardParams({ client, resource: srv.mcpUrl, challenge }), { email: victim, password: `guess-${i}` })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    const { challenge } = pkce();
    const right = await authorizeAndLogin(srv.origin, standardParams({ client, resource: srv.mcpUrl, challenge }), { email: victim, password: PASSWORD });
    expect(right.status).toBe(429);
    expect(right.html).toContain('Too many sign-in attempts');
  });
});
