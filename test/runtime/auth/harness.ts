// Test harness: a real HTTP server with the OAuth layer in front of a real MCP endpoint (SDK v1
// McpServer, stateless Streamable HTTP), plus a headless "browser" (cookie jar + manual redirects)
// that fills in the login/consent form over HTTP.
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { McpConfig, ToolConfigBase } from '../../../src/config/types.js';
import { silentLogger } from '../../../src/runtime/logger.js';
import { createAuthLayer, type AuthLayer, type AuthLayerOptions } from '../../../src/runtime/auth/layer.js';
import type { Store } from '../../../src/runtime/store/types.js';
import { configObject } from '../../helpers/config-object.js';

export interface TestServer {
  readonly origin: string;
  readonly mcpUrl: string;
  readonly layer: AuthLayer;
  readonly http: Server;
  close(): Promise<void>;
}

const tool = (name: string, auth: 'required' | 'none', scopes: string[] = []): ToolConfigBase => ({
  kind: 'test',
  name,
  description: name,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  inputSchema: { type: 'object' },
  auth,
  scopes,
});

export function testConfig(auth: Record<string, unknown>, opts: { storage?: string; baseDir?: string; mixed?: boolean } = {}): McpConfig {
  const tools = [tool('whoami', 'required', ['mcp:read'])];
  if (opts.mixed) tools.push(tool('ping', 'none'));
  return configObject({
    name: 'auth-test',
    server: { maxBodyBytes: 1 << 20 },
    auth: { mode: 'oauth', ...auth } as McpConfig['auth'],
    storage: opts.storage ?? 'sqlite::memory:',
    tools,
    baseDir: opts.baseDir ?? '/tmp',
  });
}

/** Starts the server; with `tls` it serves https itself (a real browser then sees a secure origin). */
export async function startServer(config: McpConfig, options: Partial<AuthLayerOptions> & { store?: Store; tls?: { key: string; cert: string } } = {}): Promise<TestServer> {
  const { tls, ...layerOptions } = options;
  const app = express();
  const http: Server = tls ? createHttpsServer(tls, app) : createServer(app);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const origin = `${tls ? 'https' : 'http'}://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const layer = await createAuthLayer(config, { logger: silentLogger(), publicOrigin: origin, ...layerOptions });
  layer.install(app);
  app.post('/mcp', express.json(), async (req, res) => {
    const decision = await layer.authenticate(req);
    if (decision.kind === 'reject') {
      res.status(decision.status).set('WWW-Authenticate', decision.wwwAuthenticate).json({ error: decision.message });
      return;
    }
    const auth = decision.kind === 'authenticated' ? decision.auth : undefined;
    const server = new McpServer({ name: 'auth-test', version: '1.0.0' });
    server.registerTool('whoami', { description: 'who am I' }, async () => {
      if (!auth) return { isError: true, content: [{ type: 'text', text: 'sign in' }], _meta: { 'mcp/www_authenticate': [layer.toolChallenge({ name: 'whoami', inputSchema: { type: 'object' } }, ['mcp:read'], undefined)] } };
      const denied = layer.checkScopes(auth, ['mcp:read']);
      if (denied) return { isError: true, content: [{ type: 'text', text: 'insufficient scope' }] };
      return { content: [{ type: 'text', text: JSON.stringify({ subject: auth.subject, clientId: auth.clientId, scopes: auth.scopes }) }] };
    });
    server.registerTool('ping', { description: 'public' }, async () => ({ content: [{ type: 'text', text: 'pong' }] }));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => void transport.close());
    await server.connect(transport);
    await transport.handleRequest(Object.assign(req, auth ? { auth: { token: '', clientId: auth.clientId, scopes: [...auth.scopes] } } : {}), res, req.body);
  });
  return {
    origin,
    mcpUrl: `${origin}/mcp`,
    layer,
    http,
    async close() {
      await new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      await layer.close();
    },
  };
}

/** A cookie-keeping HTTP client that does not follow redirects: our headless browser. */
export class Browser {
  private readonly jar = new Map<string, string>();

  async request(url: string, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { ...init.headers };
    const cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(url, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(c) || value === '') this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return res;
  }

  /** Follows redirects while they stay on `origin`; returns the last response and its URL. */
  async follow(url: string, origin: string, init: Parameters<Browser['request']>[1] = {}): Promise<{ res: Response; url: string }> {
    let res = await this.request(url, init);
    let current = url;
    for (let i = 0; i < 10 && res.status >= 300 && res.status < 400; i++) {
      const next = new URL(res.headers.get('location')!, current).toString();
      if (!next.startsWith(origin)) return { res, url: current };
      current = next;
      res = await this.request(current);
    }
    return { res, url: current };
  }

  cookies(): Map<string, string> {
    return this.jar;
  }
}

export function csrfFrom(html: string): string {
  const m = /name="csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no csrf field on the page');
  return m[1]!;
}

export function formAction(html: string, origin: string): string {
  const m = /<form method="post" action="([^"]+)"/.exec(html);
  if (!m) throw new Error('no form on the page');
  return new URL(m[1]!.replace(/&#61;/g, '='), origin).toString();
}

export interface LoginOutcome {
  /** The client's redirect URI with code/state/iss (or error), when the flow left our origin. */
  readonly redirect?: URL;
  readonly status: number;
  readonly html: string;
}

/** Opens an authorization URL, fills the form and submits it; returns where we ended up. */
export async function login(browser: Browser, authorizationUrl: string, origin: string, form: { email?: string; password?: string; decision?: 'allow' | 'deny' }): Promise<LoginOutcome> {
  const page = await browser.follow(authorizationUrl, origin);
  if (page.res.status >= 300 && page.res.status < 400) return { redirect: new URL(page.res.headers.get('location')!), status: page.res.status, html: '' };
  const html = await page.res.text();
  if (page.res.status !== 200) return { status: page.res.status, html };
  const fields: Record<string, string> = { csrf: csrfFrom(html), decision: form.decision ?? 'allow' };
  if (form.email !== undefined) fields.email = form.email;
  if (form.password !== undefined) fields.password = form.password;
  const submitted = await browser.follow(formAction(html, origin), origin, { form: fields });
  const loc = submitted.res.headers.get('location');
  if (submitted.res.status >= 300 && submitted.res.status < 400 && loc) return { redirect: new URL(loc, submitted.url), status: submitted.res.status, html: '' };
  return { status: submitted.res.status, html: await submitted.res.text() };
}
