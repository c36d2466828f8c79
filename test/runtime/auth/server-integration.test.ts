// The OAuth layer inside the real server (src/runtime/server.ts + runtime) with examples/oauth/mcp.yaml:
// discovery, 401 on the MCP endpoint for a bad token, mixed mode (public tool works anonymously,
// private tool answers with `_meta["mcp/www_authenticate"]`), and a signed-in tools/call via SDK v1.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import type { McpConfig } from '../../../src/config/types.js';
import { createAuthLayer, type AuthLayer } from '../../../src/runtime/auth/layer.js';
import { hashPassword } from '../../../src/runtime/auth/password.js';
import { silentLogger } from '../../../src/runtime/logger.js';
import { createRuntime } from '../../../src/runtime/runtime.js';
import { calculatorKind } from '../../../src/runtime/tools/calculator.js';
import { startServer, type McpHttpServer } from '../../../src/runtime/server.js';
import { openStore } from '../../../src/runtime/store/open.js';
import type { Store } from '../../../src/runtime/store/types.js';
import { callMcp } from './oauth-client.js';
import { connectWithOAuth, HeadlessProvider } from './sdk-client.js';

// The example only uses the calculator kind.
const KINDS = [calculatorKind];
const EMAIL = 'example@example.com';
const PASSWORD = 'example password 42';

describe('examples/oauth/mcp.yaml in the real server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-oauth-example-'));
  let store: Store;
  let layer: AuthLayer;
  let server: McpHttpServer;
  let origin = '';

  beforeAll(async () => {
    const config: McpConfig = await loadConfig('examples/oauth/mcp.yaml', { env: { DATABASE_URL: `sqlite:${join(dir, 'state.db')}` }, dotenv: false, kinds: KINDS });
    store = await openStore(config.storage, config.baseDir);
    await store.createUser({ id: 'user-example', email: EMAIL, passwordHash: await hashPassword(PASSWORD), createdAt: Date.now() });
    // Listen first so the issuer can be the real origin (port 0 → a free port).
    const { createServer } = await import('node:net');
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      });
    });
    origin = `http://127.0.0.1:${port}`;
    layer = await createAuthLayer(config, { logger: silentLogger(), store, publicOrigin: origin });
    const runtime = await createRuntime(config, { logger: silentLogger(), authChallenge: layer.toolChallenge, kinds: KINDS });
    server = await startServer({ runtime, logger: silentLogger(), port, host: '127.0.0.1', auth: layer });
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves discovery documents', async () => {
    const prm = (await (await fetch(`${origin}/.well-known/oauth-protected-resource/mcp`)).json()) as Record<string, unknown>;
    expect(prm).toMatchObject({ resource: `${origin}/mcp`, authorization_servers: [origin], scopes_supported: ['mcp:read', 'mcp:write'] });
    expect((await fetch(`${origin}/.well-known/oauth-authorization-server`)).status).toBe(200);
  });

  it('answers a bad token with HTTP 401 and a challenge, never 200', async () => {
    const res = await callMcp(`${origin}/mcp`, 'not-a-token');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain(`resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp"`);
  });

  it('mixed mode: public tool works anonymously, the private one asks for sign-in in _meta', async () => {
    const pub = await callMcp(`${origin}/mcp`, undefined, 'tools/call', { name: 'add', arguments: { expression: '2+3' } });
    expect(pub.status).toBe(200);
    const pubBody = (await pub.json()) as { result: { isError?: boolean; content: { text: string }[] } };
    expect(pubBody.result.isError).not.toBe(true);
    expect(pubBody.result.content[0]!.text).toContain('5');

    const priv = await callMcp(`${origin}/mcp`, undefined, 'tools/call', { name: 'calculate', arguments: { expression: '2+3' } });
    expect(priv.status).toBe(200);
    const body = (await priv.json()) as { result: { isError: boolean; _meta: Record<string, string[]> } };
    expect(body.result.isError).toBe(true);
    const challenge = body.result._meta['mcp/www_authenticate']![0]!;
    expect(challenge).toMatch(/^Bearer error="insufficient_scope", error_description=".+", resource_metadata=".+\/\.well-known\/oauth-protected-resource\/mcp", scope="mcp:read"$/);
  });

  it('signs in with the SDK v1 client and calls the private tool', async () => {
    const provider = new HeadlessProvider(origin, { email: EMAIL, password: PASSWORD });
    // In mixed mode the first request is anonymous; force the OAuth dance like ChatGPT does after a challenge.
    const { auth } = await import('@modelcontextprotocol/sdk/client/auth.js');
    const first = await auth(provider, { serverUrl: `${origin}/mcp` });
    expect(first).toBe('REDIRECT');
    const code = provider.lastRedirect!.searchParams.get('code')!;
    expect(await auth(provider, { serverUrl: `${origin}/mcp`, authorizationCode: code })).toBe('AUTHORIZED');
    const client = await connectWithOAuth(`${origin}/mcp`, provider);
    const result = await client.callTool({ name: 'calculate', arguments: { expression: '6*7' } });
    expect(result.isError).not.toBe(true);
    expect(JSON.stringify(result.content)).toContain('42');
    await client.close();
  });
});

describe('auth.mode none in the real server', () => {
  it('has no discovery documents (404), so clients connect without OAuth', async () => {
    const { parseConfig } = await import('../../../src/config/index.js');
    const yaml = ['name: open', 'version: 1.0.0', 'auth:', '  mode: none', 'tools:', '  - name: calculate', '    kind: calculator', '    description: d'].join('\n');
    const { config } = await parseConfig(yaml, { sourcePath: join(tmpdir(), 'mcp.yaml'), kinds: KINDS, env: {} });
    const layer = await createAuthLayer(config, { logger: silentLogger() });
    expect(layer.enabled).toBe(false);
    const runtime = await createRuntime(config, { logger: silentLogger(), kinds: KINDS });
    const server = await startServer({ runtime, logger: silentLogger(), port: 0, host: '127.0.0.1', auth: layer });
    try {
      const base = server.url.replace(/\/mcp$/, '');
      for (const path of ['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp', '/.well-known/oauth-authorization-server', '/.well-known/openid-configuration']) {
        expect((await fetch(base + path)).status, path).toBe(404);
      }
      expect((await callMcp(server.url, undefined, 'tools/call', { name: 'calculate', arguments: { expression: '1+1' } })).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
