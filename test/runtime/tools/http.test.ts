import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { httpKind } from '../../../src/runtime/tools/http.js';
import { sendJson, startUpstream, type LocalUpstream } from '../net/local-upstream.js';
import { callContext, capturingLogger, createHttpTool, httpEntry, testConfig, textOf } from './http-helpers.js';

let upstream: LocalUpstream;
let hits: Record<string, number>;

const idInput = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] };

beforeAll(async () => {
  upstream = await startUpstream();
  upstream.route('/object', (_req, res) => sendJson(res, 200, { name: 'widget', price: 3 }));
  upstream.route('/array', (_req, res) => sendJson(res, 200, [1, 2, 3]));
  upstream.route('/text', (_req, res) => res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('just text'));
  upstream.route('/echo', (req, res, body) => sendJson(res, 200, { url: req.url, method: req.method, body, contentType: req.headers['content-type'] ?? null }));
  upstream.route('/items/*', (req, res) => sendJson(res, 200, { url: req.url }));
  upstream.route('/slow', (_req, res) => setTimeout(() => sendJson(res, 200, {}), 3_000));
  upstream.route('/flaky', (_req, res) => {
    hits.flaky = (hits.flaky ?? 0) + 1;
    if (hits.flaky < 3) sendJson(res, 503, { error: 'try later' });
    else sendJson(res, 200, { ok: true, attempt: hits.flaky });
  });
  upstream.route('/broken', (_req, res) => {
    hits.broken = (hits.broken ?? 0) + 1;
    res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'database exploded', detail: 'x'.repeat(1000) }));
  });
  upstream.route('/not-found', (_req, res) => sendJson(res, 404, { error: 'no such widget' }));
  upstream.route('/rate-limited', (_req, res) => {
    hits.rate = (hits.rate ?? 0) + 1;
    if (hits.rate === 1) res.writeHead(429, { 'retry-after': '1', 'content-type': 'text/plain' }).end('slow down');
    else sendJson(res, 200, { ok: true });
  });
  upstream.route('/rate-limited-date', (_req, res) => {
    hits.rateDate = (hits.rateDate ?? 0) + 1;
    if (hits.rateDate === 1) res.writeHead(429, { 'retry-after': new Date(Date.now() + 2_000).toUTCString() }).end();
    else sendJson(res, 200, { ok: true });
  });
  upstream.route('/rate-limited-long', (_req, res) => {
    hits.rateLong = (hits.rateLong ?? 0) + 1;
    res.writeHead(429, { 'retry-after': '120', 'content-type': 'text/plain' }).end('quota exceeded');
  });
  upstream.route('/malformed', (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"a": 1,'));
  upstream.route('/big-text', (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('y'.repeat(5000)));
  upstream.route('/big-json', (_req, res) => sendJson(res, 200, { data: 'z'.repeat(5000) }));
  upstream.route('/reset', (req) => {
    hits.reset = (hits.reset ?? 0) + 1;
    req.socket.destroy();
  });
  upstream.route('/reset-once', (req, res) => {
    hits.resetOnce = (hits.resetOnce ?? 0) + 1;
    if (hits.resetOnce === 1) req.socket.destroy();
    else sendJson(res, 200, { recovered: true });
  });
  upstream.route('/counted', (req, res) => {
    hits.counted = (hits.counted ?? 0) + 1;
    sendJson(res, 200, { n: hits.counted, url: req.url });
  });
  upstream.route('/secret-echo', (req, res) => {
    hits.secret = (hits.secret ?? 0) + 1;
    const ok = req.headers['x-api-key'] === 'sk-live-SECRET-123' && req.headers.authorization === 'Bearer tok-SECRET-456';
    sendJson(res, ok ? 500 : 400, { seen: ok });
  });
  upstream.route('/redirect-private', (_req, res) => res.writeHead(302, { location: 'http://10.0.0.7/internal' }).end());
});

afterAll(() => upstream.close());
beforeEach(() => {
  hits = {};
});

describe('http tool: results', () => {
  it('returns a JSON object as structuredContent plus its JSON text', async () => {
    const tool = await createHttpTool({ url: `${upstream.origin}/object` });
    const result = await tool.call({}, callContext());
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ name: 'widget', price: 3 });
    expect(JSON.parse(textOf(result))).toEqual({ name: 'widget', price: 3 });
  });

  it('wraps a JSON array as {items}', async () => {
    const tool = await createHttpTool({ url: `${upstream.origin}/array` });
    const result = await tool.call({}, callContext());
    expect(result.structuredContent).toEqual({ items: [1, 2, 3] });
  });

  it('returns a text response as text content', async () => {
    const tool = await createHttpTool({ url: `${upstream.origin}/text` });
    const result = await tool.call({}, callContext());
    expect(result.structuredContent).toBeUndefined();
    expect(textOf(result)).toBe('just text');
  });

  it('applies the JSONata transform, with the call arguments as $args', async () => {
    const tool = await createHttpTool(
      { url: `${upstream.origin}/object`, transform: '{"label": $uppercase(name), "total": price * $args.qty}' },
      { type: 'object', properties: { qty: { type: 'integer' } } },
    );
    const result = await tool.call({ qty: 4 }, callContext());
    expect(result.structuredContent).toEqual({ label: 'WIDGET', total: 12 });
  });

  it('turns a transform evaluation error into an isError result', async () => {
    const tool = await createHttpTool({ url: `${upstream.origin}/object`, transform: '$number(name)' });
    const result = await tool.call({}, callContext());
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/transform failed/);
  });

  it('stops a runaway transform with an isError result instead of hanging', async () => {
    const tool = await createHttpTool({ url: `${upstream.origin}/object`, transform: '($f := function($n) { $f($n + 1) }; $f(0))' });
    const result = await tool.call({}, callContext());
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/transform failed.*timeout/i);
  });

  it('exposes the definition with GET annotations', async () => {
    const tool = await createHttpTool({ url: `${upstream.origin}/object` });
    expect(tool.definition.name).toBe('upstream');
    expect(tool.definition.annotations).toEqual({ readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true });
  });
});

describe('http tool: request building', () => {
  it('percent-encodes path placeholders as one segment', async () => {
    const tool = await createHttpTool({ url: `${upstream.origin}/items/{{id}}/detail` }, idInput);
    const result = await tool.call({ id: 'a/b c?d#e%' }, callContext());
    expect(result.structuredContent).toEqual({ url: '/items/a%2Fb%20c%3Fd%23e%25/detail' });
  });

  it.each(['..', '.', ''])('refuses %j as a path segment without calling upstream', async (id) => {
    const tool = await createHttpTool({ url: `${upstream.origin}/items/{{id}}` }, idInput);
    const before = upstream.received.length;
    const result = await tool.call({ id }, callContext());
    expect(result.isError).toBe(true);
    expect(upstream.received.length).toBe(before);
  });

  it('keeps traversal attempts inside the base path', async () => {
    const tool = await createHttpTool({ url: `${upstream.origin}/items/{{id}}` }, idInput);
    for (const id of ['../../etc/passwd', '%2e%2e', '..%2f..', 'http://evil.example/']) {
      const result = await tool.call({ id }, callContext());
      const url = (result.structuredContent as { url: string }).url;
      expect(url.startsWith('/items/')).toBe(true);
      expect(url.slice('/items/'.length)).not.toContain('/');
    }
  });

  it('omits optional query parameters that were not given, and repeats arrays', async () => {
    const tool = await createHttpTool(
      { url: `${upstream.origin}/echo?fixed=1`, query: { q: '{{q}}', limit: '{{limit}}', tag: '{{tags}}', sym: '{{ sym | upper }}', static: true } },
      { type: 'object', properties: { q: { type: 'string' }, limit: { type: 'integer' }, tags: { type: 'array' }, sym: { type: 'string' } } },
    );
    const result = await tool.call({ q: 'a b&c', tags: ['x', 'y'], sym: 'btcusdt' }, callContext());
    const url = new URL((result.structuredContent as { url: string }).url, 'http://x');
    expect(url.searchParams.get('q')).toBe('a b&c');
    expect(url.searchParams.has('limit')).toBe(false);
    expect(url.searchParams.getAll('tag')).toEqual(['x', 'y']);
    expect(url.searchParams.get('sym')).toBe('BTCUSDT');
    expect(url.searchParams.get('fixed')).toBe('1');
    expect(url.searchParams.get('static')).toBe('true');
  });

  it('applies input schema defaults to omitted arguments', async () => {
    const tool = await createHttpTool(
      { url: `${upstream.origin}/echo`, query: { limit: '{{limit}}' } },
      { type: 'object', properties: { limit: { type: 'integer', default: 100 } } },
    );
    const result = await tool.call({}, callContext());
    expect((result.structuredContent as { url: string }).url).toBe('/echo?limit=100');
  });

  it('sends a JSON body template, keeping the JSON type of exact placeholders and omitting absent ones', async () => {
    const tool = await createHttpTool(
      { method: 'POST', url: `${upstream.origin}/echo`, body: { name: '{{name}}', count: '{{count}}', greeting: 'hi {{name}}', note: '{{note}}', nested: { flags: ['{{flag}}', 'x'] } } },
      { type: 'object', properties: { name: { type: 'string' }, count: { type: 'integer' }, flag: { type: 'boolean' }, note: { type: 'string' } } },
    );
    const result = await tool.call({ name: 'Ada', count: 3, flag: false }, callContext());
    const echo = result.structuredContent as { method: string; body: string; contentType: string };
    expect(echo.method).toBe('POST');
    expect(echo.contentType).toBe('application/json');
    expect(JSON.parse(echo.body)).toEqual({ name: 'Ada', count: 3, greeting: 'hi Ada', nested: { flags: [false, 'x'] } });
    expect(tool.definition.annotations?.readOnlyHint).toBe(false);
  });

  it('form-encodes the body when content-type says so', async () => {
    const tool = await createHttpTool(
      { method: 'POST', url: `${upstream.origin}/echo`, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: { q: '{{q}}', n: 2 } },
      { type: 'object', properties: { q: { type: 'string' } } },
    );
    const result = await tool.call({ q: 'a&b' }, callContext());
    expect((result.structuredContent as { body: string }).body).toBe('q=a%26b&n=2');
  });
});

describe('http tool: upstream failures are isError results', () => {
  it('times out', async () => {
    const tool = await createHttpTool({ url: `${upstream.origin}/slow`, timeout: '200ms' });
    const started = Date.now();
    const result = await tool.call({}, callContext());
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/did not answer within 200 ms/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('retries 5xx with backoff, then succeeds', async () => {
    const tool = await createHttpTool({ url: `${upstream.origin}/flaky` });
    const result = await tool.call({}, callContext());
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ ok: true, attempt: 3 });
    expect(hits.flaky).toBe(3);
  });

  it('reports a 500 with the status and a short body excerpt after the retries', async () => {
    const tool = await createHttpTool({ url: `${upstream.origin}/broken`, retries: 1 });
    const result = await tool.call({}, callContext());
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toContain('500');
    expect(text).toContain('database exploded');
    expect(text).toContain('Gave up after 2 attempts');
    expect(text.length).toBeLessThan(700);
    expect(hits.broken).toBe(2);
  });

  it('does not retry a 500 for a non-idempotent POST', async () => {
    const tool = await createHttpTool({ method: 'POST', url: `${upstream.origin}/broken`, body: { a: 1 } });
    const result = await tool.call({}, callContext());
    expect(result.isError).toBe(true);
    expect(hits.broken).toBe(1);
  });

  it('does not retry a 404', async () => {
    const tool = await createHttpTool({ url: `${upstream.origin}/not-found` });
    const result = await tool.call({}, callContext());
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('404');
    expect(textOf(result)).toContain('no such widget');
  });

  it('waits for Retry-After (seconds) on 429, then succeeds', async () => {
    const tool = await createHttpTool({ url: `${upstream.origin}/rate-limited` });
    const started = Date.now();
    const result = await tool.call({}, callContext());
    expect(result.structuredContent).toEqual({ ok: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(hits.rate).toBe(2);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const tool = await createHttpTool({ url: `${upstream.origin}/rate-limited-date` });
    const started = Date.now();
    const result = await tool.call({}, callContext());
    expect(result.structuredContent).toEqual({ ok: true });
    // HTTP dates have 1 s precision: now+2 s floors to a wait of more than 1 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(hits.rateDate).toBe(2);
  });

  it('does not wait for a Retry-After beyond the cap and says when to retry', async () => {
    const tool = await createHttpTool({ url: `${upstream.origin}/rate-limited-long` });
    const started = Date.now();
    const result = await tool.call({}, callContext());
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/429/);
    expect(textOf(result)).toMatch(/retry after 120 s/);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(hits.rateLong).toBe(1);
  });

  it('reports malformed JSON', async () => {
    const tool = await createHttpTool({ url: `${upstream.origin}/malformed` });
    const result = await tool.call({}, callContext());
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/malformed JSON/);
    expect(textOf(result)).toContain('{"a": 1,');
  });

  it('truncates an oversized text body with an explicit note', async () => {
    const tool = await createHttpTool({ url: `${upstream.origin}/big-text`, maxBytes: 1000 });
    const result = await tool.call({}, callContext());
    expect(result.isError).toBeFalsy();
    const text = textOf(result);
    expect(text.startsWith('y'.repeat(1000))).toBe(true);
    expect(text).not.toContain('y'.repeat(1001));
    expect(text).toMatch(/Truncated: the response was larger than 1000 bytes/);
  });

  it('fails an oversized JSON body rather than returning half a document', async () => {
    const tool = await createHttpTool({ url: `${upstream.origin}/big-json`, maxBytes: 1000 });
    const result = await tool.call({}, callContext());
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/larger than 1000 bytes/);
  });

  it('reports a connection reset after retrying', async () => {
    const tool = await createHttpTool({ url: `${upstream.origin}/reset` });
    const result = await tool.call({}, callContext());
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/Connection to upstream failed/);
    expect(hits.reset).toBe(3);
  });

  it('recovers from a single connection reset', async () => {
    const tool = await createHttpTool({ url: `${upstream.origin}/reset-once` });
    const result = await tool.call({}, callContext());
    expect(result.structuredContent).toEqual({ recovered: true });
  });

  it('stops when the call is cancelled', async () => {
    const tool = await createHttpTool({ url: `${upstream.origin}/slow` });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const result = await tool.call({}, callContext(undefined, controller.signal));
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/cancelled/);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('http tool: SSRF guard', () => {
  const guarded = { allowPrivateNetwork: false };

  it.each([
    ['127.0.0.1', () => `${upstream.origin}/object`],
    ['10.x', () => 'http://10.0.0.1/object'],
    ['169.254.169.254', () => 'http://169.254.169.254/latest/meta-data/'],
    ['[::1]', () => `http://[::1]:${upstream.port}/object`],
    ['[::ffff:127.0.0.1]', () => `http://[::ffff:127.0.0.1]:${upstream.port}/object`],
    ['localhost (resolves to loopback)', () => `http://localhost:${upstream.port}/object`],
  ])('refuses %s without allowPrivateNetwork', async (_label, url) => {
    const tool = await createHttpTool({ url: url(), ...guarded });
    const before = upstream.received.length;
    const result = await tool.call({}, callContext());
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/Refused to connect/);
    expect(textOf(result)).toMatch(/allowPrivateNetwork/);
    expect(upstream.received.length).toBe(before);
  });

  it('lets server.allowPrivateNetwork open the guard for every tool', async () => {
    const entry = httpEntry({ url: `${upstream.origin}/object`, allowPrivateNetwork: undefined });
    const tool = await httpKind.create(entry, { config: testConfig([entry], true), logger: callContext().logger, corpora: { get: () => Promise.reject(new Error('none')) } });
    expect((await tool.call({}, callContext())).structuredContent).toEqual({ name: 'widget', price: 3 });
  });
});

describe('http tool: cache', () => {
  it('serves identical requests from the cache within cacheTtl and refetches for other arguments', async () => {
    const tool = await createHttpTool({ url: `${upstream.origin}/counted`, query: { q: '{{q}}' }, cacheTtl: '5s' }, { type: 'object', properties: { q: { type: 'string' } } });
    const a1 = await tool.call({ q: 'a' }, callContext());
    const a2 = await tool.call({ q: 'a' }, callContext());
    const b = await tool.call({ q: 'b' }, callContext());
    expect(a1.structuredContent).toEqual({ n: 1, url: '/counted?q=a' });
    expect(a2.structuredContent).toEqual(a1.structuredContent);
    expect(b.structuredContent).toEqual({ n: 2, url: '/counted?q=b' });
    expect(hits.counted).toBe(2);
  });

  it('expires entries after the TTL', async () => {
    const tool = await createHttpTool({ url: `${upstream.origin}/counted`, cacheTtl: 100 });
    await tool.call({}, callContext());
    await new Promise((r) => setTimeout(r, 150));
    await tool.call({}, callContext());
    expect(hits.counted).toBe(2);
  });

  it('never caches errors', async () => {
    const tool = await createHttpTool({ url: `${upstream.origin}/not-found`, cacheTtl: '5s' });
    await tool.call({}, callContext());
    await tool.call({}, callContext());
    expect(upstream.received.filter((r) => r.url === '/not-found').length).toBeGreaterThanOrEqual(2);
  });
});

describe('http tool: secrets', () => {
  it('sends header secrets upstream but never writes them to logs or results', async () => {
    const { logger, output } = capturingLogger();
    const headers = { 'X-Api-Key': 'sk-live-SECRET-123', Authorization: 'Bearer {{token}}' };
    const input = { type: 'object', properties: { token: { type: 'string' } } };
    const failing = await createHttpTool({ url: `${upstream.origin}/secret-echo`, headers, retries: 1 }, input, logger);
    const r1 = await failing.call({ token: 'tok-SECRET-456' }, callContext(logger));
    // The upstream answers 500 only when both secrets arrived: proves they were sent.
    expect(textOf(r1)).toContain('500');
    expect(hits.secret).toBe(2);
    const reset = await createHttpTool({ url: `${upstream.origin}/reset`, headers, retries: 1 }, input, logger);
    await reset.call({ token: 'tok-SECRET-456' }, callContext(logger));
    const blocked = await createHttpTool({ url: 'http://10.0.0.1/x', headers, allowPrivateNetwork: false }, input, logger);
    const r3 = await blocked.call({ token: 'tok-SECRET-456' }, callContext(logger));
    const log = output();
    expect(log).toContain('http tool'); // something was logged at all
    expect(log).not.toContain('SECRET');
    expect(textOf(r1) + textOf(r3)).not.toContain('SECRET');
  });
});
