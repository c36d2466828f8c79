// The examples/binance project, loaded by the real config loader and run against a local upstream
// that serves a realistic klines fixture.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import type { McpConfig } from '../../../src/config/types.js';
import { httpKind } from '../../../src/runtime/tools/http.js';
import type { RuntimeTool } from '../../../src/runtime/tools/types.js';
import { startUpstream, type LocalUpstream } from '../net/local-upstream.js';
import { callContext, textOf } from './http-helpers.js';

const root = join(import.meta.dirname, '../../..');
const fixture = readFileSync(join(root, 'test/fixtures/binance/klines-btcusdt-1h.json'), 'utf8');

let upstream: LocalUpstream;
let config: McpConfig;
let tool: RuntimeTool;

beforeAll(async () => {
  upstream = await startUpstream();
  upstream.route('/api/v3/klines', (req, res) => {
    const symbol = new URL(req.url ?? '/', 'http://x').searchParams.get('symbol');
    if (symbol === 'NOPE') {
      res.writeHead(400, { 'content-type': 'application/json;charset=UTF-8' }).end('{"code":-1121,"msg":"Invalid symbol."}');
      return;
    }
    if (symbol === 'EMPTY') {
      res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' }).end('[]');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' }).end(fixture);
  });
  config = await loadConfig(join(root, 'examples/binance/mcp.yaml'), { env: { BINANCE_BASE_URL: upstream.origin }, dotenv: false, kinds: [httpKind] });
  const entry = config.tools[0]!;
  // The local upstream is on 127.0.0.1, which the SSRF guard refuses by default; the guard has its own tests.
  const buildConfig = { ...config, server: { ...config.server, allowPrivateNetwork: true } };
  tool = await httpKind.create(entry, { config: buildConfig, logger: callContext().logger, corpora: { get: () => Promise.reject(new Error('none')) } });
});

afterAll(() => upstream.close());

describe('examples/binance get_klines', () => {
  it('loads as a read-only GET tool with the declared input and output schemas', () => {
    const entry = config.tools[0]!;
    expect(entry.name).toBe('get_klines');
    expect(entry.url).toBe(`${upstream.origin}/api/v3/klines`);
    expect(entry.annotations.readOnlyHint).toBe(true);
    expect(config.envVars).toContain('BINANCE_BASE_URL');
    const props = entry.inputSchema.properties as Record<string, Record<string, unknown>>;
    expect(props.interval?.enum).toEqual(['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1M']);
    expect(props.interval?.default).toBe('1h');
    expect([props.limit?.minimum, props.limit?.maximum, props.limit?.default]).toEqual([1, 1000, 100]);
    expect(entry.inputSchema.required).toEqual(['symbol']);
    expect(tool.definition.outputSchema).toBeDefined();
  });

  it('maps the klines fixture to named numeric candles', async () => {
    const result = await tool.call({ symbol: 'btcusdt' }, callContext());
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({
      symbol: 'BTCUSDT',
      interval: '1h',
      candles: [
        { openTime: 1732579200000, open: 93950.01, high: 94327.14, low: 93612.5, close: 94102.66, volume: 1298.43211, closeTime: 1732582799999 },
        { openTime: 1732582800000, open: 94102.66, high: 94150, low: 93205.01, close: 93388, volume: 1876.0952, closeTime: 1732586399999 },
        { openTime: 1732586400000, open: 93388.01, high: 93800, low: 92600, close: 92785.29, volume: 2650.75802, closeTime: 1732589999999 },
      ],
    });
    expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
  });

  it('sends the symbol uppercased, the defaults, and no empty optional parameters', async () => {
    await tool.call({ symbol: 'ethBtc' }, callContext());
    const sent = new URL(upstream.received.at(-1)!.url, 'http://x');
    expect(sent.pathname).toBe('/api/v3/klines');
    expect(Object.fromEntries(sent.searchParams)).toEqual({ symbol: 'ETHBTC', interval: '1h', limit: '100' });
  });

  it('passes the optional range when given', async () => {
    await tool.call({ symbol: 'BTCUSDT', interval: '1d', limit: 3, startTime: 1732579200000, endTime: 1732589999999 }, callContext());
    const sent = new URL(upstream.received.at(-1)!.url, 'http://x');
    expect(Object.fromEntries(sent.searchParams)).toEqual({ symbol: 'BTCUSDT', interval: '1d', limit: '3', startTime: '1732579200000', endTime: '1732589999999' });
  });

  it('keeps candles an array when there are none', async () => {
    const result = await tool.call({ symbol: 'empty' }, callContext());
    expect(result.structuredContent).toEqual({ symbol: 'EMPTY', interval: '1h', candles: [] });
  });

  it('reports Binance errors as isError with the status and message', async () => {
    const result = await tool.call({ symbol: 'nope' }, callContext());
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('400');
    expect(textOf(result)).toContain('Invalid symbol.');
  });

  it('keeps the transform output an array for a single candle', async () => {
    upstream.route('/api/v3/klines', (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify([JSON.parse(fixture)[0]])));
    const result = await tool.call({ symbol: 'BTCUSDT' }, callContext());
    expect((result.structuredContent as { candles: unknown[] }).candles).toHaveLength(1);
  });
});
