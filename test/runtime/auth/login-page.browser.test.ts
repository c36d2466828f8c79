// The login/consent page in a real headless Chromium (playwright-core + Debian's chromium):
// sign in and allow, wrong password, deny. Screenshots go to test-output/.
import { existsSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/runtime/store/open.js';
import type { Store } from '../../../src/runtime/store/types.js';
import { hashPassword } from '../../../src/runtime/auth/password.js';
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

describe.skipIf(!available)('login page in headless Chromium', () => {
  let store: Store;
  let srv: TestServer;
  let client: RegisteredClient;
  let REDIRECT = '';
  let browser: import('playwright-core').Browser;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    store = await openStore('sqlite::memory:', '/tmp');
    await store.createUser({ id: 'user-browser', email: EMAIL, passwordHash: await hashPassword(PASSWORD), createdAt: Date.now() });
    srv = await startServer(testConfig({ users: 'local', scopes: { 'mcp:read': 'Read your documents', 'mcp:write': 'Change your documents' } }), { store });
    // A loopback redirect URI on our own test server, so the browser can land there.
    REDIRECT = `${srv.origin}/landing`;
    client = await registerOk(srv.origin, { client_name: 'Browser Test App', redirect_uris: [REDIRECT] });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
    await store?.close();
  });

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
