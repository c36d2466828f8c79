// The stdio transport in-process: newline-delimited JSON-RPC through the same dispatcher, both eras,
// cancellation, and nothing but protocol messages on stdout.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/runtime/logger.js';
import { createRuntime } from '../../../src/runtime/runtime.js';
import { serveStdio, type StdioSession } from '../../../src/runtime/stdio.js';
import { calculatorKind } from '../../../src/runtime/tools/calculator.js';
import { serverMessageErrors } from '../../helpers/mcp-schema.js';
import { configFromYaml } from '../../helpers/test-server.js';
import { slowKind } from './fixture-kinds.js';

const KINDS = [calculatorKind, slowKind];
const YAML = `
name: stdio-test
version: 1.0.0
tools:
  - name: calculate
    kind: calculator
    description: Evaluate an arithmetic expression.
  - name: slow
    kind: slow
    description: Waits.
`;

let session: StdioSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

async function open() {
  const config = await configFromYaml(YAML, { kinds: KINDS });
  const runtime = await createRuntime(config, { logger: silentLogger(), kinds: KINDS });
  const input = new PassThrough();
  const output = new PassThrough();
  const lines: string[] = [];
  let buffer = '';
  const waiters: (() => void)[] = [];
  output.on('data', (c: Buffer) => {
    buffer += c.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) !== -1) {
      lines.push(buffer.slice(0, nl));
      buffer = buffer.slice(nl + 1);
      waiters.splice(0).forEach((w) => w());
    }
  });
  session = serveStdio({ runtime, logger: silentLogger(), input, output });
  const send = (m: unknown) => input.write(`${typeof m === 'string' ? m : JSON.stringify(m)}\n`);
  const next = async (count = lines.length + 1): Promise<Record<string, unknown>> => {
    while (lines.length < count) await new Promise<void>((r) => waiters.push(r));
    return JSON.parse(lines[count - 1]!) as Record<string, unknown>;
  };
  return { send, next, lines, input };
}

describe('stdio transport', () => {
  it('serves a legacy session: initialize negotiates, later requests use that version', async () => {
    const io = await open();
    io.send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } });
    const init = await io.next(1);
    expect((init.result as { protocolVersion: string }).protocolVersion).toBe('2025-06-18');
    expect(serverMessageErrors('2025-06-18', 'initialize', init)).toEqual([]);
    io.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    io.send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'calculate', arguments: { expression: '7*6' } } });
    const res = await io.next(2);
    expect(res.id).toBe(2);
    expect(serverMessageErrors('2025-06-18', 'tools/call', res)).toEqual([]);
    expect(JSON.stringify(res)).toContain('42');
  });

  it('serves 2026-07-28 requests statelessly from their _meta', async () => {
    const io = await open();
    const meta = { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {} };
    io.send({ jsonrpc: '2.0', id: 'a', method: 'server/discover', params: { _meta: meta } });
    const discover = await io.next(1);
    expect(serverMessageErrors('2026-07-28', 'server/discover', discover)).toEqual([]);
    io.send({ jsonrpc: '2.0', id: 'b', method: 'tools/list', params: { _meta: meta } });
    const list = await io.next(2);
    expect(serverMessageErrors('2026-07-28', 'tools/list', list)).toEqual([]);
    expect((list.result as { resultType: string }).resultType).toBe('complete');
  });

  it('answers a line that is not JSON with -32700 and keeps going', async () => {
    const io = await open();
    io.send('{not json');
    expect(((await io.next(1)).error as { code: number }).code).toBe(-32700);
    io.send({ jsonrpc: '2.0', id: 3, method: 'ping' });
    expect((await io.next(2)).result).toEqual({});
  });

  it('stops a request on notifications/cancelled and sends no response for it', async () => {
    const io = await open();
    io.send({ jsonrpc: '2.0', id: 10, method: 'tools/call', params: { name: 'slow', arguments: { ms: 5000 } } });
    await new Promise((r) => setTimeout(r, 30));
    io.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 10, reason: 'user' } });
    io.send({ jsonrpc: '2.0', id: 11, method: 'ping' });
    const reply = await io.next(1);
    expect(reply.id).toBe(11);
    await new Promise((r) => setTimeout(r, 100));
    expect(io.lines).toHaveLength(1);
  });

  it('finishes in-flight requests when stdin ends', async () => {
    const io = await open();
    io.send({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'slow', arguments: { ms: 100 } } });
    io.input.end();
    await session!.done;
    expect(io.lines).toHaveLength(1);
    expect(JSON.parse(io.lines[0]!).result.content[0].text).toBe('waited 100ms');
  });
});
