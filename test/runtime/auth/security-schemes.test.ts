// Per-tool securitySchemes (ChatGPT's "mixed" auth mode) in tools/list of the real server for
// examples/oauth/mcp.yaml, in every protocol era, schema-valid; and none at all when auth is off.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { createAuthLayer } from '../../../src/runtime/auth/layer.js';
import { silentLogger } from '../../../src/runtime/logger.js';
import { createRuntime } from '../../../src/runtime/runtime.js';
import { startServer, type McpHttpServer } from '../../../src/runtime/server.js';
import { openStore } from '../../../src/runtime/store/open.js';
import type { Store } from '../../../src/runtime/store/types.js';
import { calculatorKind } from '../../../src/runtime/tools/calculator.js';
import { SCHEMA_VERSIONS, serverMessageErrors } from '../../helpers/mcp-schema.js';
import { configFromYaml, startTestServer, type TestServer } from '../../helpers/test-server.js';

const KINDS = [calculatorKind];
const MODERN_META = { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {} };

interface ListedTool {
  name: string;
  securitySchemes?: unknown;
  _meta?: Record<string, unknown>;
}

/** tools/list over HTTP at one protocol version, without a token (mixed mode lists anonymously). */
async function listTools(url: string, version: string): Promise<{ status: number; body: { result?: { tools: ListedTool[] } } }> {
  const modern = version === '2026-07-28';
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': version };
  if (modern) headers['mcp-method'] = 'tools/list';
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: modern ? { _meta: MODERN_META } : {} }) });
  return { status: res.status, body: (await res.json()) as { result?: { tools: ListedTool[] } } };
}

describe('examples/oauth (mixed mode): securitySchemes in tools/list', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-security-schemes-'));
  let store: Store;
  let server: McpHttpServer;
  let url = '';

  beforeAll(async () => {
    const config = await loadConfig('examples/oauth/mcp.yaml', { env: { DATABASE_URL: `sqlite:${join(dir, 'state.db')}` }, dotenv: false, kinds: KINDS });
    store = await openStore(config.storage, config.baseDir);
    const layer = await createAuthLayer(config, { logger: silentLogger(), store, publicOrigin: 'http://127.0.0.1' });
    const runtime = await createRuntime(config, { logger: silentLogger(), authChallenge: layer.toolChallenge, kinds: KINDS });
    server = await startServer({ runtime, logger: silentLogger(), port: 0, host: '127.0.0.1', auth: layer });
    url = `http://127.0.0.1:${server.port}/mcp`;
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const expected = {
    calculate: [{ type: 'oauth2', scopes: ['mcp:read'] }],
    add: [{ type: 'noauth' }],
  };

  for (const version of SCHEMA_VERSIONS) {
    it(`declares each tool's scheme at ${version}, schema-valid`, async () => {
      const { status, body } = await listTools(url, version);
      expect(status).toBe(200);
      expect(serverMessageErrors(version, 'tools/list', body)).toEqual([]);
      const tools = body.result!.tools;
      expect(tools.map((t) => t.name)).toEqual(['calculate', 'add']);
      for (const tool of tools) {
        const want = expected[tool.name as keyof typeof expected];
        expect(tool.securitySchemes, tool.name).toEqual(want);
        // 2025-03-26 carries no _meta on tools (it predates it); later eras mirror the field there.
        if (version === '2025-03-26') expect(tool._meta, tool.name).toBeUndefined();
        else expect(tool._meta?.securitySchemes, tool.name).toEqual(want);
      }
    });
  }

  it('still answers the protected tool with the per-tool challenge when called without a token', async () => {
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-06-18' };
    const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'calculate', arguments: { expression: '1+1' } } }) });
    const body = (await res.json()) as { result: { isError: boolean; _meta: Record<string, string[]> } };
    expect(body.result.isError).toBe(true);
    expect(body.result._meta['mcp/www_authenticate']![0]).toMatch(/^Bearer /);
  });
});

describe('auth mode none: no securitySchemes', () => {
  let s: TestServer;
  beforeAll(async () => {
    const config = await configFromYaml('name: open\nversion: 1.0.0\nserver: { port: 0, host: 127.0.0.1 }\ntools:\n  - name: calculate\n    kind: calculator\n    description: Evaluate an expression.\n', { kinds: KINDS });
    s = await startTestServer(config, { runtime: { kinds: KINDS } });
  });
  afterAll(() => s.close());

  for (const version of SCHEMA_VERSIONS) {
    it(`emits neither the field nor _meta.securitySchemes at ${version}`, async () => {
      const { body } = await listTools(s.url, version);
      expect(serverMessageErrors(version, 'tools/list', body)).toEqual([]);
      const [tool] = body.result!.tools;
      expect(tool!.name).toBe('calculate');
      expect(tool).not.toHaveProperty('securitySchemes');
      expect(tool!._meta?.securitySchemes).toBeUndefined();
    });
  }
});
