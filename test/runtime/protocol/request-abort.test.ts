// The per-request abort signal (made only when a tool asks for it) still fires when the client goes
// away mid-call and when the server shuts down hard; tools that never ask for it still answer.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/runtime/logger.js';
import { calculatorKind } from '../../../src/runtime/tools/calculator.js';
import { configFromYaml, startTestServer, type TestServer } from '../../helpers/test-server.js';
import { slowKind } from './fixture-kinds.js';

const KINDS = [calculatorKind, slowKind];
const YAML = `
name: abort-test
version: 1.0.0
server: { port: 0, host: 127.0.0.1 }
tools:
  - name: calculate
    kind: calculator
    description: Evaluate an arithmetic expression.
  - name: slow
    kind: slow
    description: Waits a while, or until aborted.
`;
const H = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
const call = (name: string, args: Record<string, unknown>) => JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } });

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(shutdownTimeoutMs?: number): Promise<{ s: TestServer; warnings: () => string[] }> {
  const out = new PassThrough();
  const lines: string[] = [];
  out.on('data', (c: Buffer) => lines.push(...c.toString('utf8').split('\n').filter(Boolean)));
  const logger = createLogger({ destination: out, pretty: false, level: 'warn' });
  const config = await configFromYaml(YAML, { kinds: KINDS });
  server = await startTestServer(config, { logger, runtime: { kinds: KINDS }, server: shutdownTimeoutMs === undefined ? {} : { shutdownTimeoutMs } });
  const warnings = () => lines.map((l) => JSON.parse(l) as { msg: string; tool?: string; err?: { message?: string } }).filter((l) => l.msg === 'tool call failed').map((l) => `${l.tool}: ${l.err?.message}`);
  return { s: server, warnings };
}

async function until(check: () => boolean, ms = 3_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('request abort signal', () => {
  it('aborts the tool call when the client disconnects mid-call', async () => {
    const { s, warnings } = await start();
    const client = new AbortController();
    const pending = fetch(s.url, { method: 'POST', headers: H, body: call('slow', { ms: 10_000 }), signal: client.signal }).catch((err: unknown) => err);
    await new Promise((r) => setTimeout(r, 150));
    client.abort();
    await pending;
    await until(() => warnings().includes('slow: aborted'));
  });

  it('aborts in-flight tool calls when the server shuts down hard', async () => {
    const { s, warnings } = await start(100);
    const pending = fetch(s.url, { method: 'POST', headers: H, body: call('slow', { ms: 10_000 }) }).catch((err: unknown) => err);
    await new Promise((r) => setTimeout(r, 150));
    const started = Date.now();
    await s.server.close();
    server = undefined;
    expect(Date.now() - started).toBeLessThan(5_000);
    await pending;
    await until(() => warnings().includes('slow: aborted'));
  });

  it('answers tools that never look at the signal', async () => {
    const { s, warnings } = await start();
    const res = await fetch(s.url, { method: 'POST', headers: H, body: call('calculate', { expression: '6 * 7' }) });
    const body = (await res.json()) as { result: { content: { text: string }[] } };
    expect(body.result.content[0]!.text).toBe('42');
    expect(warnings()).toEqual([]);
  });
});
