// Server behaviour around the protocol core: SSE answers, batches, tool failures, per-tool auth,
// the auth hook, CORS, the info page, healthz, runtime swaps and graceful shutdown.
import { afterEach, describe, expect, it } from 'vitest';
import type { McpConfig } from '../../../src/config/types.js';
import { silentLogger } from '../../../src/runtime/logger.js';
import { createRuntime } from '../../../src/runtime/runtime.js';
import { calculatorKind } from '../../../src/runtime/tools/calculator.js';
import { serverMessageErrors } from '../../helpers/mcp-schema.js';
import { sseMessages } from '../../helpers/recording-fetch.js';
import { configFromYaml, startTestServer, type TestServer } from '../../helpers/test-server.js';
import { explodeKind, slowKind, whoamiKind } from './fixture-kinds.js';

const KINDS = [calculatorKind, explodeKind, slowKind, whoamiKind];

const YAML = `
name: behaviour-test
version: 3.1.4
title: Behaviour <b>Test</b>
description: Tools & "quotes" <script>alert(1)</script>
server:
  port: 0
  host: 127.0.0.1
  corsOrigins: [https://inspector.example]
tools:
  - name: calculate
    kind: calculator
    description: Evaluate an arithmetic expression.
  - name: explode
    kind: explode
    description: Always fails.
  - name: slow
    kind: slow
    description: Waits a while.
  - name: whoami
    kind: whoami
    description: Says who called.
  - name: regional
    kind: whoami
    description: Takes a region mirrored into a header.
    inputSchema:
      type: object
      properties:
        region: { type: string, x-mcp-header: Region }
        query: { type: string }
`;

const H = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(mutate: (c: McpConfig) => McpConfig = (c) => c, extra: Parameters<typeof startTestServer>[1] = {}): Promise<TestServer> {
  const config = mutate(await configFromYaml(YAML, { kinds: KINDS }));
  server = await startTestServer(config, { ...extra, runtime: { kinds: KINDS, ...extra.runtime } });
  return server;
}

function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { ...H, ...headers }, body: JSON.stringify(body) });
}

const call = (name: string, args: Record<string, unknown> = {}, id = 1) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } });

describe('responses', () => {
  it('answers an SSE-only client with an SSE stream, priming event first at 2025-11-25', async () => {
    const s = await start();
    const res = await post(s.url, call('calculate', { expression: '2+2' }), { accept: 'text/event-stream', 'mcp-protocol-version': '2025-11-25' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    const text = await res.text();
    expect(text).toMatch(/^id: [0-9a-f-]{36}\ndata: \n\n/);
    const [message] = sseMessages(text) as { result: { content: { text: string }[] } }[];
    expect(message!.result.content[0]!.text).toContain('4');
    expect(serverMessageErrors('2025-11-25', 'tools/call', message)).toEqual([]);
  });

  it('sends no priming event to older versions and JSON when JSON is accepted', async () => {
    const s = await start();
    const sse = await (await post(s.url, call('calculate', { expression: '1' }), { accept: 'text/event-stream', 'mcp-protocol-version': '2025-06-18' })).text();
    expect(sse.startsWith('event: message\n')).toBe(true);
    const json = await post(s.url, call('calculate', { expression: '1' }), { 'mcp-protocol-version': '2025-06-18' });
    expect(json.headers.get('content-type')).toBe('application/json');
  });

  it('processes 2025-03-26 batches: one response per request, none for notifications', async () => {
    const s = await start();
    const res = await post(s.url, [call('calculate', { expression: '1+1' }, 1), { jsonrpc: '2.0', method: 'notifications/initialized' }, { jsonrpc: '2.0', id: 2, method: 'ping' }], { 'mcp-protocol-version': '2025-03-26' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id: number }[];
    expect(body.map((m) => m.id).sort()).toEqual([1, 2]);
    for (const m of body) expect(serverMessageErrors('2025-03-26', m.id === 1 ? 'tools/call' : 'ping', m)).toEqual([]);
    const onlyNotes = await post(s.url, [{ jsonrpc: '2.0', method: 'notifications/initialized' }], { 'mcp-protocol-version': '2025-03-26' });
    expect(onlyNotes.status).toBe(202);
  });

  it('answers tools/call without a prior initialize (stateless) and mints no session id', async () => {
    const s = await start();
    const res = await post(s.url, call('calculate', { expression: '3*3' }), { 'mcp-session-id': 'stale-session' });
    expect(res.status).toBe(200);
    expect(res.headers.get('mcp-session-id')).toBeNull();
    const init = await post(s.url, { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } });
    expect(init.headers.get('mcp-session-id')).toBeNull();
    const body = (await init.json()) as { result: { protocolVersion: string; serverInfo: Record<string, unknown> } };
    expect(body.result.protocolVersion).toBe('2025-06-18');
    expect(body.result.serverInfo).toEqual({ name: 'behaviour-test', version: '3.1.4', title: 'Behaviour <b>Test</b>' });
  });

  it('offers the latest legacy version to an initialize asking for one we do not speak', async () => {
    const s = await start();
    const res = await post(s.url, { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2024-11-05', capabilities: {}, clientInfo: { name: 't', version: '1' } } });
    expect(((await res.json()) as { result: { protocolVersion: string } }).result.protocolVersion).toBe('2025-11-25');
  });

  it('omits 2025-06-18+ fields when answering 2025-03-26', async () => {
    const s = await start();
    const list = (await (await post(s.url, { jsonrpc: '2.0', id: 1, method: 'tools/list' })).json()) as { result: { tools: Record<string, unknown>[] } };
    expect(list.result.tools.every((t) => !('title' in t) && !('outputSchema' in t))).toBe(true);
    const who = (await (await post(s.url, call('whoami'))).json()) as { result: Record<string, unknown> };
    expect(who.result.structuredContent).toBeUndefined();
    const who25 = (await (await post(s.url, call('whoami'), { 'mcp-protocol-version': '2025-11-25' })).json()) as { result: Record<string, unknown> };
    expect(who25.result.structuredContent).toEqual({ subject: null, version: '2025-11-25' });
  });

  it('answers server/discover at 2026-07-28 with versions, capabilities, caching hints and serverInfo', async () => {
    const s = await start();
    const meta = { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {} };
    const res = await post(s.url, { jsonrpc: '2.0', id: 'd', method: 'server/discover', params: { _meta: meta } }, { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'server/discover' });
    const body = (await res.json()) as { result: Record<string, unknown> };
    expect(body.result).toMatchObject({ resultType: 'complete', supportedVersions: ['2026-07-28'], capabilities: { tools: { listChanged: false } }, cacheScope: 'public', ttlMs: 300000 });
    expect((body.result._meta as Record<string, unknown>)['io.modelcontextprotocol/serverInfo']).toMatchObject({ name: 'behaviour-test', version: '3.1.4' });
    expect(serverMessageErrors('2026-07-28', 'server/discover', body)).toEqual([]);
  });
});

describe('2026-07-28 Mcp-Param headers (x-mcp-header)', () => {
  const meta = { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {} };
  const modernCall = (args: Record<string, unknown>) => ({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'regional', arguments: args, _meta: meta } });
  const headers = (extra: Record<string, string> = {}) => ({ 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': 'regional', ...extra });

  it('accepts a matching header, plain or Base64-encoded', async () => {
    const s = await start();
    expect((await post(s.url, modernCall({ region: 'us-west1' }), headers({ 'mcp-param-region': 'us-west1' }))).status).toBe(200);
    const encoded = `=?base64?${Buffer.from('Zürich').toString('base64')}?=`;
    const res = await post(s.url, modernCall({ region: 'Zürich' }), headers({ 'mcp-param-region': encoded }));
    expect(res.status).toBe(200);
    expect(serverMessageErrors('2026-07-28', 'tools/call', await res.json())).toEqual([]);
    expect((await post(s.url, modernCall({ query: 'x' }), headers())).status).toBe(200);
  });

  it.each([
    ['missing while the argument is given', { region: 'eu' }, {}],
    ['different from the argument', { region: 'eu' }, { 'mcp-param-region': 'us' }],
    ['present while the argument is absent', { query: 'x' }, { 'mcp-param-region': 'eu' }],
  ])('rejects a header %s with 400 -32020', async (_label, args, extra) => {
    const s = await start();
    const res = await post(s.url, modernCall(args), headers(extra as Record<string, string>));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: number } };
    expect(body.error.code).toBe(-32020);
    expect(serverMessageErrors('2026-07-28', 'tools/call', body)).toEqual([]);
  });

  it('does not apply to legacy requests', async () => {
    const s = await start();
    expect((await post(s.url, call('regional', { region: 'eu' }), { 'mcp-protocol-version': '2025-11-25' })).status).toBe(200);
  });
});

describe('tool failures and auth', () => {
  it('turns a throwing tool into an isError result, never a JSON-RPC error', async () => {
    const s = await start();
    const body = (await (await post(s.url, call('explode'))).json()) as { result: { isError: boolean; content: { text: string }[] } };
    expect(body.result.isError).toBe(true);
    expect(body.result.content[0]!.text).toContain('upstream exploded');
  });

  it('names the argument and the problem when arguments are invalid', async () => {
    const s = await start();
    const body = (await (await post(s.url, call('slow', { ms: 'soon' }))).json()) as { result: { isError: boolean; content: { text: string }[] } };
    expect(body.result.isError).toBe(true);
    expect(body.result.content[0]!.text).toMatch(/"ms".*integer/);
  });

  it('refuses tools that need sign-in with OpenAI\'s mcp/www_authenticate challenge, and runs them for an authenticated caller', async () => {
    const oauth = (c: McpConfig): McpConfig => ({
      ...c,
      auth: { mode: 'oauth' },
      server: { ...c.server, publicUrl: 'https://tools.example.com' },
      tools: c.tools.map((t) => (t.name === 'whoami' ? { ...t, auth: 'required', scopes: ['profile'] } : { ...t, auth: 'none' })),
    });
    const s = await start(oauth, {
      server: {
        auth: {
          authenticate: (req) =>
            req.headers.authorization === 'Bearer good'
              ? { kind: 'authenticated', auth: { subject: 'user-1', clientId: 'c', scopes: ['profile'] } }
              : req.headers.authorization
                ? { kind: 'reject', status: 401, wwwAuthenticate: 'Bearer error="invalid_token"' }
                : { kind: 'anonymous' },
        },
      },
    });
    const anon = (await (await post(s.url, call('whoami'), { 'mcp-protocol-version': '2025-11-25' })).json()) as { result: { isError: boolean; _meta: Record<string, string[]> } };
    expect(anon.result.isError).toBe(true);
    const challenge = anon.result._meta['mcp/www_authenticate']![0]!;
    expect(challenge).toMatch(/^Bearer /);
    expect(challenge).toContain('resource_metadata="https://tools.example.com/.well-known/oauth-protected-resource/mcp"');
    expect(challenge).toContain('error="insufficient_scope"');
    expect(challenge).toContain('error_description=');
    const open = (await (await post(s.url, call('calculate', { expression: '1' }))).json()) as { result: { isError?: boolean } };
    expect(open.result.isError).toBeFalsy();
    const authed = (await (await post(s.url, call('whoami'), { authorization: 'Bearer good', 'mcp-protocol-version': '2025-11-25' })).json()) as { result: { content: { text: string }[] } };
    expect(authed.result.content[0]!.text).toBe('subject=user-1');
    const rejected = await post(s.url, call('whoami'), { authorization: 'Bearer bad' });
    expect(rejected.status).toBe(401);
    expect(rejected.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(((await rejected.json()) as { error: { code: number } }).error.code).toBe(-32600);
  });
});

describe('HTTP surface', () => {
  it('answers CORS preflight for listed origins and exposes the MCP headers', async () => {
    const s = await start();
    const pre = await fetch(s.url, { method: 'OPTIONS', headers: { origin: 'https://inspector.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, mcp-protocol-version' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://inspector.example');
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    const res = await post(s.url, call('calculate', { expression: '1' }), { origin: 'https://inspector.example' });
    expect(res.headers.get('access-control-expose-headers')).toContain('Mcp-Protocol-Version');
    const denied = await fetch(s.url, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    expect(denied.status).toBe(403);
  });

  it('shows an HTML-escaped info page on GET / for browsers, and 405 otherwise', async () => {
    const s = await start();
    const page = await fetch(`${s.origin}/`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Behaviour &lt;b&gt;Test&lt;/b&gt;');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain(`${s.origin}/mcp`);
    expect((await fetch(`${s.origin}/`)).status).toBe(405);
    expect((await fetch(s.url, { headers: { accept: 'text/html' } })).status).toBe(405);
  });

  it('answers the MCP protocol on / as well as on server.path', async () => {
    const s = await start();
    const res = await post(`${s.origin}/`, call('calculate', { expression: '5' }));
    expect(res.status).toBe(200);
  });

  it('reports health as JSON and unknown routes as JSON 404s', async () => {
    const s = await start();
    const health = (await (await fetch(`${s.origin}/healthz`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ status: 'ok', tools: 5 });
    expect(typeof health.version).toBe('string');
    expect(typeof health.uptimeSeconds).toBe('number');
    const head = await fetch(`${s.origin}/healthz`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toMatch(/application\/json/);
    expect(await head.text()).toBe('');
    const missing = await fetch(`${s.origin}/nope`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/application\/json/);
  });
});

describe('lifecycle', () => {
  it('swaps the runtime without dropping the port; in-flight calls finish on the old one', async () => {
    const s = await start();
    const slow = post(s.url, call('slow', { ms: 300 }));
    await new Promise((r) => setTimeout(r, 50));
    const next = await createRuntime(
      { ...s.config, name: 'swapped', tools: s.config.tools.filter((t) => t.name === 'calculate') },
      { logger: silentLogger(), kinds: KINDS },
    );
    const swapped = s.server.setRuntime(next);
    const list = (await (await post(s.url, { jsonrpc: '2.0', id: 1, method: 'tools/list' })).json()) as { result: { tools: { name: string }[] } };
    expect(list.result.tools.map((t) => t.name)).toEqual(['calculate']);
    const slowBody = (await (await slow).json()) as { result: { content: { text: string }[] } };
    expect(slowBody.result.content[0]!.text).toBe('waited 300ms');
    await swapped;
    expect(s.server.runtime()).toBe(next);
  });

  it('finishes in-flight requests on close, then refuses connections', async () => {
    const s = await start();
    const slow = post(s.url, call('slow', { ms: 250 }));
    await new Promise((r) => setTimeout(r, 50));
    const closed = s.server.close();
    const body = (await (await slow).json()) as { result: { content: { text: string }[] } };
    expect(body.result.content[0]!.text).toBe('waited 250ms');
    await closed;
    await expect(fetch(`${s.origin}/healthz`)).rejects.toThrow();
    server = undefined;
  });
});
