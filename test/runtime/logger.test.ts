// The logger: secrets redacted by key, and the hot-path access log (same stream and level, a
// direct JSON line instead of pino's generic serialisation) that writes the one line per request.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { accessLog, createLogger, silentLogger } from '../../src/runtime/logger.js';

function capture(): { stream: PassThrough; lines: () => Record<string, unknown>[] } {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  return {
    stream,
    lines: () => chunks.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('createLogger', () => {
  it('redacts secret-bearing keys wherever they appear', async () => {
    const out = capture();
    const logger = createLogger({ destination: out.stream, pretty: false });
    logger.info({ token: 't0p', req: { headers: { authorization: 'Bearer abc', host: 'x' } }, upstream: { apiKey: 'k3y' } }, 'outbound');
    await tick();
    const [line] = out.lines();
    expect(line).toMatchObject({ msg: 'outbound', token: '[redacted]', req: { headers: { authorization: '[redacted]', host: 'x' } }, upstream: { apiKey: '[redacted]' } });
    expect(JSON.stringify(line)).not.toMatch(/t0p|abc|k3y/);
  });
});

describe('accessLog', () => {
  it('writes pino-shaped JSON lines to the logger’s destination, at info level', async () => {
    const out = capture();
    const logger = createLogger({ destination: out.stream, pretty: false, level: 'info' });
    const access = accessLog(logger);
    const before = Date.now();
    access({ http: 'POST', method: 'tools/call', tool: 'calculate', status: 200, isError: false, version: '2025-11-25', ms: 1.5 });
    access({ http: 'POST', method: 'nope', status: 200, rpcError: -32601, ms: 0.25 });
    logger.info('ordinary line');
    await tick();
    const lines = out.lines();
    expect(lines).toEqual([
      { level: 30, time: expect.any(Number), http: 'POST', method: 'tools/call', tool: 'calculate', status: 200, isError: false, version: '2025-11-25', ms: 1.5, msg: 'mcp request' },
      { level: 30, time: expect.any(Number), http: 'POST', method: 'nope', status: 200, rpcError: -32601, ms: 0.25, msg: 'mcp request' },
      { level: 30, time: expect.any(Number), msg: 'ordinary line' },
    ]);
    expect(lines[0]!.time).toBeGreaterThanOrEqual(before);
    // The same keys in the same order as pino writes them, so log pipelines see one shape.
    expect(Object.keys(lines[1]!)).toEqual(['level', 'time', 'http', 'method', 'status', 'rpcError', 'ms', 'msg']);
  });

  it('escapes client-chosen strings (method and tool names) into valid JSON', async () => {
    const out = capture();
    const access = accessLog(createLogger({ destination: out.stream, pretty: false }));
    const nasty = 'a"b\\c\n{"level":60}\u2028';
    access({ method: nasty, tool: nasty, ms: 1 });
    await tick();
    const lines = out.lines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ method: nasty, tool: nasty, level: 30 });
  });

  it('follows level changes of its logger but not of the logger’s children', async () => {
    const out = capture();
    const logger = createLogger({ destination: out.stream, pretty: false, level: 'info' });
    const access = accessLog(logger);
    logger.child({ tool: 'x' }).level = 'error';
    access({ method: 'a', ms: 1 });
    logger.level = 'warn';
    access({ method: 'hidden', ms: 1 });
    logger.level = 'debug';
    access({ method: 'b', ms: 1 });
    await tick();
    expect(out.lines().map((l) => l.method)).toEqual(['a', 'b']);
  });

  it('logs through loggers createLogger did not make (they keep their redaction)', async () => {
    const out = capture();
    const logger = pino({ base: undefined, redact: ['tool'] }, out.stream);
    accessLog(logger)({ method: 'tools/call', tool: 'secret-tool', ms: 2 });
    await tick();
    expect(out.lines()).toEqual([expect.objectContaining({ msg: 'mcp request', method: 'tools/call', tool: '[Redacted]', ms: 2 })]);
  });

  it('writes nothing for a silent logger', () => {
    expect(() => accessLog(silentLogger())({ method: 'x', ms: 1 })).not.toThrow();
  });
});
