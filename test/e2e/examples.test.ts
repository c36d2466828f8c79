// End to end: `mcp-devmode serve` (the real CLI, ephemeral port) for every example project, driven by
// the official clients in both protocol eras over Streamable HTTP, plus stdio. Every tool of every
// example is listed and called; every message the server sends is checked against the official
// JSON Schema of its protocol version.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_MODES, connectHttp, connectStdio, type ConnectedClient, type StdioRecording } from '../helpers/mcp-clients.js';
import { recordingFetch } from '../helpers/recording-fetch.js';
import { cliPath, repoRoot, spawnServe, type ServeProcess } from '../helpers/spawn-serve.js';
import { startUpstream, type LocalUpstream } from '../runtime/net/local-upstream.js';

const klines = readFileSync(join(repoRoot, 'test/fixtures/binance/klines-btcusdt-1h.json'), 'utf8');

interface Example {
  readonly name: string;
  readonly tools: readonly string[];
  /** Calls every tool with realistic arguments and checks the answers. */
  exercise(client: ConnectedClient): Promise<void>;
}

function textOf(result: { content: readonly { type: string; text?: string }[] }): string {
  return result.content.map((c) => c.text ?? '').join('\n');
}

const quickstart: Example = {
  name: 'quickstart',
  tools: ['search', 'fetch', 'calculate'],
  async exercise(client) {
    const search = await client.callTool('search', { query: 'refund' });
    expect(search.isError).toBeFalsy();
    const hits = (search.structuredContent as { results: { id: string; title: string; url: string }[] }).results;
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]!.url).toMatch(/^https?:\/\//);
    const doc = await client.callTool('fetch', { id: hits[0]!.id });
    expect(doc.isError).toBeFalsy();
    expect((doc.structuredContent as { id: string; text: string }).id).toBe(hits[0]!.id);
    const calc = await client.callTool('calculate', { expression: '(12.5 * 4) / 3' });
    expect(calc.isError).toBeFalsy();
    expect(textOf(calc)).toContain('16.66');
  },
};

const binance: Example = {
  name: 'binance',
  tools: ['get_klines'],
  async exercise(client) {
    const result = await client.callTool('get_klines', { symbol: 'btcusdt', interval: '1h', limit: 3 });
    expect(result.isError).toBeFalsy();
    const data = result.structuredContent as { symbol: string; candles: { close: number }[] };
    expect(data.symbol).toBe('BTCUSDT');
    expect(data.candles.map((c) => c.close)).toEqual([94102.66, 93388, 92785.29]);
    const bad = await client.callTool('get_klines', { symbol: 'not a symbol!' });
    expect(bad.isError).toBe(true);
  },
};

let upstream: LocalUpstream;
const configFiles = new Map<string, string>();
const env: Record<string, string> = {};

beforeAll(async () => {
  upstream = await startUpstream();
  upstream.route('/api/v3/klines', (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(klines));
  env.BINANCE_BASE_URL = upstream.origin;
  configFiles.set('quickstart', join(repoRoot, 'examples/quickstart/mcp.yaml'));
  // The example itself talks to api.binance.com; here it talks to 127.0.0.1, which the SSRF guard
  // only allows when the config says so.
  const dir = mkdtempSync(join(tmpdir(), 'mcp-e2e-binance-'));
  const yaml = readFileSync(join(repoRoot, 'examples/binance/mcp.yaml'), 'utf8').replace(/^server:\n/m, 'server:\n  allowPrivateNetwork: true\n');
  expect(yaml).toContain('allowPrivateNetwork: true');
  writeFileSync(join(dir, 'mcp.yaml'), yaml);
  configFiles.set('binance', join(dir, 'mcp.yaml'));
});

afterAll(() => upstream?.close());

const EXPECTED_VERSION = { 'sdk-v1': '2025-11-25', 'v2-legacy': '2025-11-25', 'v2-modern': '2026-07-28', 'v2-auto': '2026-07-28' } as const;

/** The connected client speaks the expected version, sees every tool, calls each; the server sent only schema-valid messages. */
async function checkClient(example: Example, client: ConnectedClient, recording: { messages: unknown[]; violations: string[] }): Promise<void> {
  try {
    expect(client.version).toBe(EXPECTED_VERSION[client.mode]);
    expect(await client.listToolNames()).toEqual(example.tools);
    await example.exercise(client);
  } finally {
    await client.close();
  }
  expect(recording.messages.length).toBeGreaterThan(example.tools.length);
  expect(recording.violations).toEqual([]);
}

describe.each([quickstart, binance])('examples/$name', (example) => {
  let serve: ServeProcess;

  beforeAll(async () => {
    serve = await spawnServe(configFiles.get(example.name)!, { env });
  });
  afterAll(async () => {
    if (serve) expect(await serve.stop()).toBe(0);
  });

  it('prints a banner with the endpoint, the ChatGPT steps and the tools', () => {
    expect(serve.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    expect(serve.stdout()).toContain('Developer mode');
    for (const tool of example.tools) expect(serve.stdout()).toContain(tool);
  });

  it.each(CLIENT_MODES)('over Streamable HTTP with %s: lists and calls every tool; every message matches the schema', async (mode) => {
    const recording = recordingFetch();
    const client = await connectHttp(mode, serve.url, recording);
    await checkClient(example, client, recording);
  });

  it.each(['sdk-v1', 'v2-auto'] as const)('over stdio with %s: lists and calls every tool; every message matches the schema', async (mode) => {
    const recording: StdioRecording = { messages: [], violations: [] };
    const client = await connectStdio(mode, process.execPath, [cliPath, 'serve', '--stdio', configFiles.get(example.name)!], recording, env);
    await checkClient(example, client, recording);
  });

  it('logs one line per request on stderr with method, tool, status and duration', () => {
    const lines = serve
      .stderr()
      .split('\n')
      .filter((l) => l.includes('"mcp request"'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const call = lines.find((l) => l.method === 'tools/call');
    expect(call).toMatchObject({ tool: example.tools[0], status: 200 });
    expect(typeof call!.ms).toBe('number');
  });
});

describe('graceful shutdown of `serve`', () => {
  it('finishes an in-flight call on SIGTERM, then exits 0', async () => {
    upstream.route('/api/v3/klines', (_req, res) => setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(klines), 400));
    const serve = await spawnServe(configFiles.get('binance')!, { env });
    const pending = fetch(serve.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-11-25' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'get_klines', arguments: { symbol: 'BTCUSDT' } } }),
    });
    await new Promise((r) => setTimeout(r, 150));
    const exited = serve.stop('SIGTERM');
    const body = (await (await pending).json()) as { result: { isError?: boolean; structuredContent: { candles: unknown[] } } };
    expect(body.result.isError).toBeFalsy();
    expect(body.result.structuredContent.candles).toHaveLength(3);
    expect(await exited).toBe(0);
  });
});
