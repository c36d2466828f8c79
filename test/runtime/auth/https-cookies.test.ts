// Behind an https proxy (issuer https, X-Forwarded-Proto: https) every cookie the server sets,
// oidc-provider's included, is __Host-: Path=/, no Domain, Secure, HttpOnly, SameSite=Lax.
// With Path=/ one browser holds one pending sign-in: the older of two interleaved ones fails on a
// friendly page, the newer one completes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/runtime/store/open.js';
import type { Store } from '../../../src/runtime/store/types.js';
import { hashPassword } from '../../../src/runtime/auth/password.js';
import { Browser, csrfFrom, formAction, startServer, testConfig, type TestServer } from './harness.js';
import { authorizeUrl, pkce, registerOk, standardParams, tokenRequest, type RegisteredClient } from './oauth-client.js';

const PUBLIC = 'https://mcp.example.com';
// fetch cannot set Host; behind a proxy X-Forwarded-Host carries it (oidc-provider trusts it: provider.proxy).
const PROXIED = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'mcp.example.com' };
const REDIRECT = 'https://app.example.com/cb';
const EMAIL = 'hopper@example.com';
const PASSWORD = 'a long and good password';

/** Our headless browser on the public https origin: requests go to the test server with proxy headers. */
class HttpsBrowser {
  readonly browser = new Browser();
  /** Every Set-Cookie header received, in order. */
  readonly setCookies: string[] = [];

  constructor(private readonly localOrigin: string) {}

  /** Follows redirects while they stay on PUBLIC; returns the last response and its (public) URL. */
  async go(url: string, init: { form?: Record<string, string> } = {}): Promise<{ res: Response; url: string }> {
    let current = url;
    let res = await this.request(current, init);
    while (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location')!, current);
      if (next.origin !== PUBLIC) break;
      current = next.href;
      res = await this.request(current, {});
    }
    return { res, url: current };
  }

  private async request(url: string, init: { form?: Record<string, string> }): Promise<Response> {
    const res = await this.browser.request(url.replace(PUBLIC, this.localOrigin), { ...init, headers: PROXIED });
    this.setCookies.push(...res.headers.getSetCookie());
    return res;
  }
}

function expectHostCookies(setCookies: readonly string[]): void {
  expect(setCookies.length).toBeGreaterThan(0);
  for (const cookie of setCookies) {
    const attributes = cookie.split(';').slice(1).map((a) => a.trim().toLowerCase());
    expect(cookie, cookie).toMatch(/^__Host-/);
    expect(attributes.filter((a) => a.startsWith('path=')), cookie).toEqual(['path=/']);
    expect(attributes, cookie).toContain('secure');
    expect(attributes, cookie).toContain('httponly');
    expect(attributes, cookie).toContain('samesite=lax');
    expect(attributes.some((a) => a.startsWith('domain')), cookie).toBe(false);
  }
}

interface Page {
  readonly html: string;
  readonly verifier: string;
}

describe('cookies over https', () => {
  let store: Store;
  let srv: TestServer;
  let client: RegisteredClient;
  beforeAll(async () => {
    store = await openStore('sqlite::memory:', '/tmp');
    await store.createUser({ id: 'user-hopper', email: EMAIL, passwordHash: await hashPassword(PASSWORD), createdAt: Date.now() });
    srv = await startServer(testConfig({ users: 'local' }), { store, publicOrigin: PUBLIC });
    client = await registerOk(srv.origin, { redirect_uris: [REDIRECT] });
  });
  afterAll(async () => {
    await srv.close();
    await store.close();
  });

  function authorize(b: HttpsBrowser, challenge: string): Promise<{ res: Response; url: string }> {
    return b.go(authorizeUrl(PUBLIC, standardParams({ client, resource: `${PUBLIC}/mcp`, challenge })));
  }

  async function openLoginPage(b: HttpsBrowser): Promise<Page> {
    const { verifier, challenge } = pkce();
    const { res } = await authorize(b, challenge);
    expect(res.status).toBe(200);
    return { html: await res.text(), verifier };
  }

  async function submit(b: HttpsBrowser, page: Page): Promise<{ res: Response; url: string }> {
    return b.go(formAction(page.html, PUBLIC), { form: { csrf: csrfFrom(page.html), email: EMAIL, password: PASSWORD, decision: 'allow' } });
  }

  /** The client's redirect carries a code that the token endpoint exchanges. */
  async function expectCode(res: Response, verifier: string): Promise<void> {
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(REDIRECT);
    const code = location.searchParams.get('code');
    expect(code).toBeTruthy();
    const token = await tokenRequest(srv.origin, { grant_type: 'authorization_code', code: code!, code_verifier: verifier, client_id: client.client_id, redirect_uri: REDIRECT, resource: `${PUBLIC}/mcp` });
    expect(token.status).toBe(200);
    expect(token.body.access_token).toBeTruthy();
  }

  async function expectFriendlyError(res: Response): Promise<void> {
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('newer');
    expect(html).toContain('connect again');
    expect(html).not.toMatch(/at .*\.[jt]s:\d+/);
  }

  it('sets only __Host- cookies (Path=/, no Domain, Secure, HttpOnly, SameSite=Lax) through authorize → login → consent → code', async () => {
    const b = new HttpsBrowser(srv.origin);
    const page = await openLoginPage(b);
    const { res } = await submit(b, page);
    await expectCode(res, page.verifier);

    const names = b.setCookies.map((c) => c.slice(0, c.indexOf('=')));
    // The session, CSRF, interaction and resume cookies and their .sig companions all came by.
    for (const name of ['__Host-mcp_session', '__Host-mcp_session.sig', '__Host-mcp_csrf', '__Host-mcp_interaction', '__Host-mcp_interaction.sig', '__Host-mcp_resume', '__Host-mcp_resume.sig']) {
      expect(names).toContain(name);
    }
    expectHostCookies(b.setCookies);
  });

  it('two interleaved sign-ins in one browser: the older one fails on a friendly page, the newer one completes', async () => {
    const b = new HttpsBrowser(srv.origin);
    const first = await openLoginPage(b);
    const second = await openLoginPage(b);
    // The second authorization replaced the first one's interaction cookie (both are Path=/).
    const { res: stale } = await submit(b, first);
    await expectFriendlyError(stale);
    const { res } = await submit(b, second);
    await expectCode(res, second.verifier);
  });

  it('a resume URL answers only for the sign-in its cookie belongs to', async () => {
    const b = new HttpsBrowser(srv.origin);
    const first = await openLoginPage(b);
    // Sign in on the first page, but start a second authorization before following the redirect back.
    const posted = await b.browser.request(formAction(first.html, PUBLIC).replace(PUBLIC, srv.origin), {
      form: { csrf: csrfFrom(first.html), email: EMAIL, password: PASSWORD, decision: 'allow' },
      headers: PROXIED,
    });
    expect(posted.status).toBe(303);
    const resumeUrl = new URL(posted.headers.get('location')!, PUBLIC).href;
    expect(resumeUrl).toMatch(new RegExp(`^${PUBLIC}/oauth/authorize/`));
    const second = await openLoginPage(b);
    const { res: stale } = await b.go(resumeUrl);
    await expectFriendlyError(stale);
    // The second sign-in is unaffected (the session from the first sign-in skips the login step).
    const { res } = await submit(b, second);
    await expectCode(res, second.verifier);
  });

  it('keeps the __Host- attributes when a rotated cookie key makes koa re-sign a .sig cookie', async () => {
    const oldKey = 'old-cookie-key-0123456789abcdefghij';
    const before = await startServer(testConfig({ users: 'local' }), { store, publicOrigin: PUBLIC, env: { MCP_AUTH_COOKIE_KEYS: oldKey } });
    const signIn = new HttpsBrowser(before.origin);
    try {
      const page = await openLoginPage(signIn);
      const { res } = await submit(signIn, page);
      await expectCode(res, page.verifier);
    } finally {
      await before.close();
    }
    expect([...signIn.browser.cookies().keys()]).toContain('__Host-mcp_session');
    // The session cookie was signed with the old key, which now verifies but no longer signs.
    const after = await startServer(testConfig({ users: 'local' }), { store, publicOrigin: PUBLIC, env: { MCP_AUTH_COOKIE_KEYS: `new-cookie-key-0123456789abcdefghij,${oldKey}` } });
    try {
      const rotated = new HttpsBrowser(after.origin);
      for (const [name, value] of signIn.browser.cookies()) rotated.browser.cookies().set(name, value);
      const { verifier, challenge } = pkce();
      // Signed in and consented already: straight back to the client.
      const { res } = await authorize(rotated, challenge);
      await expectCode(res, verifier);
      expect(rotated.setCookies.map((c) => c.slice(0, c.indexOf('=')))).toContain('__Host-mcp_session.sig');
      expectHostCookies(rotated.setCookies);
    } finally {
      await after.close();
    }
  });
});
