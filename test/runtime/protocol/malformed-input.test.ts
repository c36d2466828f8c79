// Bad input on the MCP endpoint: every case gets the right HTTP status and a JSON-RPC error body
// (never HTML or a stack trace), error bodies match the official schema, and the server stays up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calculatorKind } from '../../../src/runtime/tools/calculator.js';
import { serverMessageErrors } from '../../helpers/mcp-schema.js';
import { configFromYaml, startTestServer, type TestServer } from '../../helpers/test-server.js';

const YAML = `
name: malformed-test
version: 1.0.0
server:
  port: 0
  host: 127.0.0.1
  maxBodyBytes: 4096
tools:
  - name: calculate
    kind: calculator
    description: Evaluate an arithmetic expression.
`;

const MODERN = '2026-07-28';
const meta = { 'io.modelcontextprotocol/protocolVersion': MODERN, 'io.modelcontextprotocol/clientCapabilities': {} };
const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
const modernHeaders = (method: string, extra: Record<string, string> = {}) => ({ ...JSON_HEADERS, 'mcp-protocol-version': MODERN, 'mcp-method': method, ...extra });

interface Case {
  readonly name: string;
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | unknown;
  readonly status: number;
  /** JSON-RPC error code expected in the body; undefined = no body expected (202) or success. */
  readonly code?: number;
  /** Version whose schema the error body must satisfy. */
  readonly schema?: string;
}

const req = (method: string, params?: unknown, id: unknown = 1) => ({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) });

const CASES: Case[] = [
  { name: 'body that is not JSON', body: '{"jsonrpc":', status: 400, code: -32700 },
  { name: 'empty body', body: '', status: 400, code: -32700 },
  { name: 'a JSON number', body: '42', status: 400, code: -32600 },
  { name: 'a JSON string', body: '"ping"', status: 400, code: -32600 },
  { name: 'JSON null', body: 'null', status: 400, code: -32600 },
  { name: 'an empty object', body: {}, status: 400, code: -32600 },
  { name: 'jsonrpc "1.0"', body: { jsonrpc: '1.0', id: 1, method: 'ping' }, status: 400, code: -32600 },
  { name: 'missing jsonrpc', body: { id: 1, method: 'ping' }, status: 400, code: -32600 },
  { name: 'method is a number', body: { jsonrpc: '2.0', id: 1, method: 7 }, status: 400, code: -32600 },
  { name: 'method is empty', body: req(''), status: 400, code: -32600 },
  { name: 'params is an array', body: req('tools/list', [1, 2]), status: 400, code: -32600 },
  { name: 'id is null', body: req('ping', undefined, null), status: 400, code: -32600 },
  { name: 'id is an object', body: req('ping', undefined, { a: 1 }), status: 400, code: -32600 },
  { name: 'id is a fraction', body: req('ping', undefined, 1.5), status: 400, code: -32600 },
  { name: 'a batch at 2025-11-25', headers: { 'mcp-protocol-version': '2025-11-25' }, body: [req('ping')], status: 400, code: -32600 },
  { name: 'an empty batch', headers: { 'mcp-protocol-version': '2025-03-26' }, body: [], status: 400, code: -32600 },
  { name: 'an unknown method', body: req('foo/bar'), status: 200, code: -32601 },
  { name: 'tools/call without a name', body: req('tools/call', { arguments: {} }), status: 200, code: -32602 },
  { name: 'tools/call with a numeric name', body: req('tools/call', { name: 5 }), status: 200, code: -32602 },
  { name: 'tools/call with array arguments', body: req('tools/call', { name: 'calculate', arguments: ['1+1'] }), status: 200, code: -32602 },
  { name: 'tools/call of an unknown tool', body: req('tools/call', { name: 'nope', arguments: {} }), status: 200, code: -32602 },
  { name: 'tools/list with a cursor we never issued', body: req('tools/list', { cursor: 'abc' }), status: 200, code: -32602 },
  { name: 'initialize without protocolVersion', body: req('initialize', { capabilities: {}, clientInfo: { name: 'x', version: '1' } }), status: 200, code: -32602 },
  { name: 'an unsupported MCP-Protocol-Version header', headers: { 'mcp-protocol-version': '1999-01-01' }, body: req('tools/list'), status: 400, code: -32022 },
  { name: 'a 2026-07-28 header without _meta', headers: { 'mcp-protocol-version': MODERN }, body: req('tools/list'), status: 400, code: -32602 },
  { name: 'server/discover without _meta (legacy client probing)', body: req('server/discover', {}), status: 400, code: -32602 },
  { name: 'modern: no MCP-Protocol-Version header', headers: { 'mcp-method': 'tools/list' }, body: req('tools/list', { _meta: meta }), status: 400, code: -32020, schema: MODERN },
  { name: 'modern: header and _meta versions differ', headers: modernHeaders('tools/list', { 'mcp-protocol-version': '2025-11-25' }), body: req('tools/list', { _meta: meta }), status: 400, code: -32020, schema: MODERN },
  {
    name: 'modern: unsupported version in _meta and header',
    headers: modernHeaders('tools/list', { 'mcp-protocol-version': '1900-01-01' }),
    body: req('tools/list', { _meta: { ...meta, 'io.modelcontextprotocol/protocolVersion': '1900-01-01' } }),
    status: 400,
    code: -32022,
    schema: MODERN,
  },
  { name: 'modern: _meta without clientCapabilities', headers: modernHeaders('tools/list'), body: req('tools/list', { _meta: { 'io.modelcontextprotocol/protocolVersion': MODERN } }), status: 400, code: -32602, schema: MODERN },
  { name: 'modern: protocolVersion in _meta is a number', headers: modernHeaders('tools/list'), body: req('tools/list', { _meta: { ...meta, 'io.modelcontextprotocol/protocolVersion': 2026 } }), status: 400, code: -32602, schema: MODERN },
  { name: 'modern: Mcp-Method missing', headers: { 'mcp-protocol-version': MODERN }, body: req('tools/list', { _meta: meta }), status: 400, code: -32020, schema: MODERN },
  { name: 'modern: Mcp-Method differs from the body', headers: modernHeaders('tools/call'), body: req('tools/list', { _meta: meta }), status: 400, code: -32020, schema: MODERN },
  { name: 'modern: tools/call without Mcp-Name', headers: modernHeaders('tools/call'), body: req('tools/call', { name: 'calculate', arguments: { expression: '1+1' }, _meta: meta }), status: 400, code: -32020, schema: MODERN },
  { name: 'modern: Mcp-Name differs from params.name', headers: modernHeaders('tools/call', { 'mcp-name': 'other' }), body: req('tools/call', { name: 'calculate', arguments: { expression: '1+1' }, _meta: meta }), status: 400, code: -32020, schema: MODERN },
  { name: 'modern: ping no longer exists', headers: modernHeaders('ping'), body: req('ping', { _meta: meta }), status: 404, code: -32601, schema: MODERN },
  { name: 'modern: initialize-era method unknown', headers: modernHeaders('logging/setLevel'), body: req('logging/setLevel', { level: 'info', _meta: meta }), status: 404, code: -32601, schema: MODERN },
  { name: 'Content-Type text/plain', headers: { 'content-type': 'text/plain' }, body: req('ping'), status: 415, code: -32600 },
  { name: 'no Content-Type', headers: { 'content-type': '' }, body: req('ping'), status: 415, code: -32600 },
  { name: 'Accept lists neither JSON nor SSE', headers: { accept: 'text/html' }, body: req('ping'), status: 406, code: -32600 },
  { name: 'a body over server.maxBodyBytes', body: JSON.stringify(req('tools/call', { name: 'calculate', arguments: { expression: '1+'.repeat(3000) + '1' } })), status: 413, code: -32600 },
  { name: 'an Origin that is not allowed', headers: { origin: 'https://evil.example' }, body: req('ping'), status: 403, code: -32600 },
  { name: 'a Host that is not allowed (DNS rebinding)', headers: { host: 'evil.example:80' }, body: req('ping'), status: 403, code: -32600 },
  { name: 'GET on the endpoint', method: 'GET', status: 405, code: -32600 },
  { name: 'DELETE on the endpoint', method: 'DELETE', status: 405, code: -32600 },
  { name: 'PUT on the endpoint', method: 'PUT', body: req('ping'), status: 405, code: -32600 },
  { name: 'a notification', body: { jsonrpc: '2.0', method: 'notifications/initialized' }, status: 202 },
  { name: 'a JSON-RPC response from the client', body: { jsonrpc: '2.0', id: 9, result: {} }, status: 202 },
  { name: 'a notification with an unsupported version header', headers: { 'mcp-protocol-version': 'banana' }, body: { jsonrpc: '2.0', method: 'notifications/initialized' }, status: 400, code: -32022 },
];

describe('malformed input on the MCP endpoint', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(await configFromYaml(YAML, { kinds: [calculatorKind] }), { runtime: { kinds: [calculatorKind] } });
  });
  afterAll(() => server.close());

  it('has at least 30 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(CASES)('$name → HTTP $status $code', async (c) => {
    const headers: Record<string, string> = { ...JSON_HEADERS, ...c.headers };
    if (headers['content-type'] === '') delete headers['content-type'];
    const body = c.body === undefined ? undefined : typeof c.body === 'string' ? c.body : JSON.stringify(c.body);
    const res = await rawRequest(server.url, c.method ?? 'POST', headers, body);
    expect(res.status).toBe(c.status);
    if (c.code === undefined) {
      if (c.status === 202) expect(res.body).toBe('');
      return;
    }
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const parsed = JSON.parse(res.body) as { jsonrpc: string; error: { code: number; message: string } };
    expect(parsed.jsonrpc).toBe('2.0');
    expect(parsed.error.code).toBe(c.code);
    expect(parsed.error.message).not.toMatch(/\n\s+at /); // no stack traces
    // Errors without a readable id validate against 2025-11-25+ (earlier schemas require an id).
    expect(serverMessageErrors(c.schema ?? '2025-11-25', undefined, parsed)).toEqual([]);
    if (c.status === 405) expect(res.headers.allow).toBe('POST, OPTIONS');
    if (c.code === -32022) expect((parsed.error as { data?: { supported?: string[] } }).data?.supported).toContain('2025-11-25');
  });

  it('still answers normally after all of them', async () => {
    const res = await rawRequest(server.url, 'POST', { ...JSON_HEADERS, 'mcp-protocol-version': '2025-11-25' }, JSON.stringify(req('tools/call', { name: 'calculate', arguments: { expression: '6*7' } })));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).result.content[0].text).toContain('42');
    const health = await fetch(`${server.origin}/healthz`);
    expect(health.status).toBe(200);
  });
});

/** node:http request so Host and other forbidden-in-fetch headers can be set freely. */
async function rawRequest(url: string, method: string, headers: Record<string, string>, body?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const r = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    r.on('error', reject);
    r.end(body);
  });
}
