// Every template, end to end through the real CLI: `init --yes` into a temp folder → `validate`
// passes → `serve` answers the official MCP clients → every tool is callable (a local Binance
// upstream on 127.0.0.1; the OAuth templates sign in through the server's own login page, with
// local users or a local stand-in of Supabase Auth).
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { auth } from '@modelcontextprotocol/sdk/client/auth.js';
import { Client as ClientV2, StreamableHTTPClientTransport as TransportV2 } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_NAMES, type TemplateName } from '../../src/init/templates.js';
import { spawnServe, repoRoot, type ServeProcess } from '../helpers/spawn-serve.js';
import { startUpstream, sendJson, type LocalUpstream } from '../runtime/net/local-upstream.js';
import { HeadlessProvider, connectWithOAuth } from '../runtime/auth/sdk-client.js';
import { callEveryTool, freePort, runCli } from './cli-helpers.js';

const TOOLS: Record<TemplateName, string[]> = {
  quickstart: ['search', 'fetch', 'calculate'],
  binance: ['get_klines'],
  'oauth-local': ['search', 'fetch', 'calculate'],
  'oauth-supabase': ['search', 'fetch', 'calculate'],
  blank: ['calculate'],
};
const USER = { email: 'ada@example.com', password: 'correct horse battery' };
const klines = readFileSync(join(repoRoot, 'test/fixtures/binance/klines-btcusdt-1h.json'), 'utf8');

let root: string;
let binance: LocalUpstream;
let supabase: LocalUpstream;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mcp-init-e2e-'));
  binance = await startUpstream();
  binance.route('/api/v3/klines', (_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end(klines));
  // Supabase Auth's password grant, as supabase-js calls it: POST /auth/v1/token?grant_type=password.
  supabase = await startUpstream();
  supabase.route('/auth/v1/token', (req, res, body) => {
    const { email, password } = JSON.parse(body || '{}') as { email?: string; password?: string };
    if (new URL(req.url ?? '/', 'http://x').searchParams.get('grant_type') !== 'password' || email !== USER.email || password !== USER.password) {
      sendJson(res, 400, { code: 400, error_code: 'invalid_credentials', msg: 'Invalid login credentials' });
      return;
    }
    const now = Math.floor(Date.now() / 1000);
    sendJson(res, 200, {
      access_token: 'supabase-session-token',
      token_type: 'bearer',
      expires_in: 3600,
      expires_at: now + 3600,
      refresh_token: 'supabase-refresh',
      user: { id: '6f1c1a36-2f0e-4d3c-9a55-3f2e8f1d0b7a', aud: 'authenticated', role: 'authenticated', email, app_metadata: {}, user_metadata: {}, created_at: new Date().toISOString() },
    });
  });
});

afterAll(async () => {
  await binance?.close();
  await supabase?.close();
  await rm(root, { recursive: true, force: true });
});

/** Environment each template needs to run here (never real services). */
function envFor(template: TemplateName): Record<string, string> {
  if (template === 'binance') return { BINANCE_BASE_URL: binance.origin, ALLOW_PRIVATE_NETWORK: 'true' };
  if (template === 'oauth-supabase') return { SUPABASE_URL: supabase.origin, SUPABASE_ANON_KEY: 'anon-test-key' };
  return {};
}

describe.each(TEMPLATE_NAMES)('init --template %s', (template) => {
  const dir = (): string => join(root, template);
  const config = (): string => join(dir(), 'mcp.yaml');

  it('creates the project without asking anything and prints the next three commands', async () => {
    const result = await runCli(['init', dir(), '--template', template, '--name', `${template}-app`]);
    expect(result.code, result.stderr).toBe(0);
    for (const file of ['mcp.yaml', 'package.json', '.env.example', '.gitignore', 'README.md']) expect(result.stdout).toContain(`+ ${file}`);
    const next = result.stdout.slice(result.stdout.indexOf('Next:')).split('\n').filter((l) => l.trim().startsWith('$'));
    expect(next).toHaveLength(3);
    expect(next[0]).toContain(`cd ${dir()} && npm install`);
    expect(next.some((l) => l.includes('npm run dev'))).toBe(true);
    const pkg = JSON.parse(await readFile(join(dir(), 'package.json'), 'utf8')) as { name: string; dependencies: Record<string, string> };
    expect(pkg.name).toBe(`${template}-app`);
    expect(pkg.dependencies['mcp-devmode']).toBe(`^${(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version}`);
  });

  it('validates, and .env.example lists every variable the config reads', async () => {
    const result = await runCli(['validate', config()], { env: envFor(template) });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`${template}-app`);
    const used = /environment: (.*)/.exec(result.stdout)?.[1]?.split(', ') ?? [];
    expect(used.length).toBeGreaterThan(0);
    const listed = await readFile(join(dir(), '.env.example'), 'utf8');
    for (const name of used) expect(listed, `${name} missing from .env.example`).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
  });

  it('serves the official clients and every tool is callable', async () => {
    const oauth = template.startsWith('oauth');
    const port = await freePort();
    const env: Record<string, string> = { ...envFor(template), ...(oauth ? { BASE_URL: `http://127.0.0.1:${port}` } : {}) };
    if (template === 'oauth-local') {
      const added = await runCli(['users', 'add', USER.email, '--config', config()], { input: `${USER.password}\n`, env });
      expect(added.code, added.stderr).toBe(0);
    }
    let server: ServeProcess | undefined;
    try {
      server = await spawnServe(config(), { env, args: ['--port', String(port)] });
      if (oauth) {
        // Mixed mode: the public calculator answers without a token, the corpus tools after sign-in.
        const anonymous = new Client({ name: 'anon', version: '1.0.0' });
        await anonymous.connect(new StreamableHTTPClientTransport(new URL(server.url)));
        const refused = (await anonymous.callTool({ name: 'search', arguments: { query: 'refund' } })) as { isError?: boolean; _meta?: Record<string, unknown> };
        expect(refused.isError).toBe(true);
        expect(refused._meta?.['mcp/www_authenticate']).toBeDefined();
        await anonymous.close();
        // As ChatGPT does on that challenge: discovery, registration, sign-in on our page, then the call with a token.
        const provider = new HeadlessProvider(server.origin, USER);
        expect(await auth(provider, { serverUrl: server.url, scope: 'mcp:read' })).toBe('REDIRECT');
        const code = provider.lastRedirect?.searchParams.get('code');
        expect(code).toBeTruthy();
        expect(await auth(provider, { serverUrl: server.url, authorizationCode: code! })).toBe('AUTHORIZED');
        const client = new Client({ name: 'signed-in', version: '1.0.0' });
        await client.connect(new StreamableHTTPClientTransport(new URL(server.url), { authProvider: provider }));
        expect(await callEveryTool(client, TOOLS[template])).toEqual(TOOLS[template]);
        await client.close();
      } else {
        const v1 = new Client({ name: 'sdk-v1', version: '1.0.0' });
        await v1.connect(new StreamableHTTPClientTransport(new URL(server.url)));
        expect(await callEveryTool(v1, TOOLS[template])).toEqual(TOOLS[template]);
        await v1.close();
        const v2 = new ClientV2({ name: 'sdk-v2', version: '1.0.0' }, { capabilities: {}, versionNegotiation: { mode: { pin: '2026-07-28' } } });
        await v2.connect(new TransportV2(new URL(server.url)));
        expect(await callEveryTool(v2 as never, TOOLS[template])).toEqual(TOOLS[template]);
        await v2.close();
      }
      if (template === 'binance') expect(binance.received.at(-1)?.url).toMatch(/symbol=BTCUSDT/);
    } finally {
      await server?.stop();
    }
  });
});

describe('init --template binance --auth oauth (sign-in added to a public template)', () => {
  it('validates, a local user signs in through the login page, and the tool answers', async () => {
    const dir = join(root, 'binance-oauth');
    const init = await runCli(['init', dir, '--template', 'binance', '--auth', 'oauth', '--yes']);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain('npx mcp-devmode users add');
    const port = await freePort();
    const env = { ...envFor('binance'), BASE_URL: `http://127.0.0.1:${port}` };
    const validated = await runCli(['validate', join(dir, 'mcp.yaml')], { env });
    expect(validated.code, validated.stderr).toBe(0);
    expect(validated.stdout).toContain('auth: oauth');
    const listed = await readFile(join(dir, '.env.example'), 'utf8');
    for (const name of /environment: (.*)/.exec(validated.stdout)![1]!.split(', ')) expect(listed).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
    const added = await runCli(['users', 'add', USER.email, '--config', join(dir, 'mcp.yaml')], { input: `${USER.password}\n`, env });
    expect(added.code, added.stderr).toBe(0);
    const server = await spawnServe(join(dir, 'mcp.yaml'), { env, args: ['--port', String(port)] });
    try {
      const unauthenticated = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: '{"jsonrpc":"2.0","id":1,"method":"tools/list"}' });
      expect(unauthenticated.status).toBe(401);
      const client = await connectWithOAuth(server.url, new HeadlessProvider(server.origin, USER));
      expect(await callEveryTool(client, ['get_klines'])).toEqual(['get_klines']);
      await client.close();
    } finally {
      await server.stop();
    }
  });
});
