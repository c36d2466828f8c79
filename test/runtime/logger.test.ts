// The logger: secrets redacted by key, and the hot-path access logger (same stream and level, no
// redaction walk) that writes the one line per request.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { accessLogger, createLogger, silentLogger } from '../../src/runtime/logger.js';

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

describe('accessLogger', () => {
  it('writes to the same destination as its logger, at the same level', async () => {
    const out = capture();
    const logger = createLogger({ destination: out.stream, pretty: false, level: 'info' });
    const access = accessLogger(logger);
    expect(access).not.toBe(logger);
    access.info({ method: 'tools/call', tool: 'calculate', status: 200, ms: 1.5 }, 'mcp request');
    access.debug({ method: 'tools/list' }, 'below the level');
    await tick();
    expect(out.lines()).toEqual([expect.objectContaining({ msg: 'mcp request', method: 'tools/call', tool: 'calculate', status: 200, level: 30 })]);
  });

  it('follows level changes of its logger but not of the logger’s children', async () => {
    const out = capture();
    const logger = createLogger({ destination: out.stream, pretty: false, level: 'info' });
    const access = accessLogger(logger);
    logger.child({ tool: 'x' }).level = 'error';
    expect(access.level).toBe('info');
    logger.level = 'warn';
    expect(access.level).toBe('warn');
    access.info('hidden');
    logger.level = 'debug';
    access.debug('shown');
    await tick();
    expect(out.lines().map((l) => l.msg)).toEqual(['shown']);
  });

  it('is the logger itself for loggers createLogger did not make (they keep their redaction)', () => {
    const logger = silentLogger();
    expect(accessLogger(logger)).toBe(logger);
  });
});
