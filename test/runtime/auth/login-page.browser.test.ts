// The login/consent page in a real headless Chromium (playwright-core + Debian's chromium):
// sign in and allow, wrong password, deny; over https, the __Host- cookies and two tabs.
// Screenshots go to test-output/.
import { existsSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/runtime/store/open.js';
import type { Store } from '../../../src/runtime/store/types.js';
import { hashPassword } from '../../../src/runtime/auth/password.js';
import { selfSignedCert } from './tls-fixture.js';
import { startServer, testConfig, type TestServer } from './harness.js';
import { authorizeUrl, pkce, registerOk, standardParams, type RegisteredClient } from './oauth-client.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) {
  if (process.env.CI) throw new Error(`Chromium is required in CI but missing at ${CHROMIUM} (apt-get install -y chromium).`);
  console.warn(`[skip] Chromium not found at ${CHROMIUM}; login page browser tests skipped (apt-get install -y chromium).`);
}

const EMAIL = 'browser@example.com';
const PASSWORD = 'browser password 123';
const OUT = 'test-output';

interface Fixture {
  readonly store: Store;
  readonly srv: TestServer;
  readonly browser: import('playwright-core').Browser;
}

/** A store with the test user, a server on it (`auth` added to local users) and a headless Chromium. */
async function startFixture(auth: Record<string, unknown>, tls?: { key: string; cert: string }): Promise<Fixture> {
  const store = await openStore('sqlite::memory:', '/tmp');
  await store.createUser({ id: 'user-browser', email: EMAIL, passwordHash: await hashPassword(PASSWORD), createdAt: Date.now() });
  const srv = await startServer(testConfig({ users: 'local', ...auth }), { store, ...(tls ? { tls } : {}) });
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  return { store, srv, browser };
}

async function stopFixture(f: Partial<Fixture>): Promise<void> {
  await f.browser?.close();
  await f.srv?.close();
  await f.store?.close();
}

describe.skipIf(!available)('login page in headless Chromium', () => {
  let store: Store;
  let srv: TestServer;
  let client: RegisteredClient;
  let REDIRECT = '';
  let browser: import('playwright-core').Browser;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    ({ store, srv, browser } = await startFixture({ scopes: { 'mcp:read': 'Read your documents', 'mcp:write': 'Change your documents' } }));
    // A loopback redirect URI on our own test server, so the browser can land there.
    REDIRECT = `${srv.origin}/landing`;
    client = await registerOk(srv.origin, { client_name: 'Browser Test App', redirect_uris: [REDIRECT] });
  }, 60_000);
  afterAll(() => stopFixture({ browser, srv, store }));

  async function openLogin(state: string, viewport = { width: 1100, height: 800 }) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const { challenge } = pkce();
    await page.goto(authorizeUrl(srv.origin, standardParams({ client, resource: srv.mcpUrl, challenge, state })));
    return { context, page };
  }

  it('signs in, allows and lands on the redirect URI with a code', async () => {
    const { context, page } = await openLogin('chromium-allow');
    expect(await page.textContent('h1')).toContain('Browser Test App');
    expect(await page.textContent('main')).toContain('Read your documents');
    await page.screenshot({ path: `${OUT}/oauth-login-desktop.png`, fullPage: true });
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([page.waitForURL((u) => u.toString().startsWith(REDIRECT)), page.getByRole('button', { name: 'Sign in and allow' }).click()]);
    const landed = new URL(page.url());
    expect(landed.searchParams.get('code')).toBeTruthy();
    expect(landed.searchParams.get('state')).toBe('chromium-allow');
    expect(landed.searchParams.get('iss')).toBe(srv.origin);
    await context.close();
  });

  it('keeps the user on the page with a friendly error after a wrong password', async () => {
    const { context, page } = await openLogin('chromium-wrong', { width: 390, height: 844 });
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in and allow' }).click();
    await page.waitForSelector('[role=alert]');
    expect(await page.textContent('[role=alert]')).toContain('Wrong email or password.');
    expect(page.url()).toContain('/oauth/interaction/');
    expect(await page.inputValue('#email')).toBe(EMAIL);
    await page.screenshot({ path: `${OUT}/oauth-login-wrong-password-mobile.png`, fullPage: true });
    // The page stays usable: the right password now works.
    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([page.waitForURL((u) => u.toString().startsWith(REDIRECT)), page.getByRole('button', { name: 'Sign in and allow' }).click()]);
    expect(new URL(page.url()).searchParams.get('code')).toBeTruthy();
    await context.close();
  });

  it('denies: lands on the redirect URI with error=access_denied', async () => {
    const { context, page } = await openLogin('chromium-deny');
    await Promise.all([page.waitForURL((u) => u.toString().startsWith(REDIRECT)), page.getByRole('button', { name: 'Deny' }).click()]);
    const landed = new URL(page.url());
    expect(landed.searchParams.get('error')).toBe('access_denied');
    expect(landed.searchParams.get('state')).toBe('chromium-deny');
    expect(landed.searchParams.get('code')).toBeNull();
    await context.close();
  });
});

// Over https Chromium enforces the __Host- rules (Secure, Path=/, no Domain) and drops a cookie that
// breaks them, so a completed sign-in proves every cookie was accepted; the jar shows them.
describe.skipIf(!available)('login over https in headless Chromium', () => {
  const APP = 'https://app.example.com/cb';
  let store: Store;
  let srv: TestServer;
  let browser: import('playwright-core').Browser;

  beforeAll(async () => {
    ({ store, srv, browser } = await startFixture({ clients: [{ id: 'https-app', name: 'Https App', redirectUris: [APP] }] }, selfSignedCert()));
  }, 60_000);
  afterAll(() => stopFixture({ browser, srv, store }));

  const newContext = () => browser.newContext({ ignoreHTTPSErrors: true });

  async function openLogin(context: import('playwright-core').BrowserContext, state: string) {
    const page = await context.newPage();
    const { challenge } = pkce();
    await page.goto(authorizeUrl(srv.origin, standardParams({ client: { client_id: 'https-app', redirect_uris: [APP] }, resource: srv.mcpUrl, challenge, state })));
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    return page;
  }

  /** The URL the browser is sent to on the client's side (app.example.com does not resolve; the request is enough). */
  async function allowAndLand(page: import('playwright-core').Page): Promise<URL> {
    const [request] = await Promise.all([page.waitForRequest((r) => r.url().startsWith(APP)), page.getByRole('button', { name: 'Sign in and allow' }).click()]);
    return new URL(request.url());
  }

  it('signs in with only __Host- cookies (Secure, HttpOnly, SameSite=Lax, Path=/, host-only)', async () => {
    const context = await newContext();
    const page = await openLogin(context, 'https-allow');
    const pending = await context.cookies();
    expect(pending.map((c) => c.name).sort()).toEqual(['__Host-mcp_csrf', '__Host-mcp_interaction', '__Host-mcp_interaction.sig', '__Host-mcp_resume', '__Host-mcp_resume.sig']);
    const landed = await allowAndLand(page);
    expect(landed.searchParams.get('code')).toBeTruthy();
    expect(landed.searchParams.get('state')).toBe('https-allow');
    const cookies = await context.cookies();
    expect(cookies.map((c) => c.name)).toContain('__Host-mcp_session');
    for (const c of [...pending, ...cookies]) {
      expect(c, c.name).toMatchObject({ domain: '127.0.0.1', path: '/', secure: true, httpOnly: true, sameSite: 'Lax' });
      expect(c.name).toMatch(/^__Host-/);
    }
    await context.close();
  });

  it('two tabs: the older sign-in ends on a friendly page, the newer one lands with a code', async () => {
    const context = await newContext();
    const older = await openLogin(context, 'tab-1');
    const newer = await openLogin(context, 'tab-2');
    const [refused] = await Promise.all([older.waitForResponse((r) => r.request().method() === 'POST'), older.getByRole('button', { name: 'Sign in and allow' }).click()]);
    expect(refused.status()).toBe(400);
    await older.waitForLoadState();
    expect(await older.textContent('main')).toContain('newer one in this browser');
    expect(older.url()).toContain('/oauth/interaction/');
    const landed = await allowAndLand(newer);
    expect(landed.searchParams.get('code')).toBeTruthy();
    expect(landed.searchParams.get('state')).toBe('tab-2');
    await context.close();
  });
});
