// Small pure pieces of doctor: HTML forms, WWW-Authenticate, SSE reading, query derivation, URL alternatives, CLI option parsing.
import { describe, expect, it } from 'vitest';
import { parseForms } from '../../src/doctor/oauth/html-forms.js';
import { parseChallenge } from '../../src/doctor/oauth/www-authenticate.js';
import { readSseEvents } from '../../src/doctor/http/sse.js';
import { deriveQuery } from '../../src/doctor/checks/search-fetch.js';
import { alternativeEndpoints } from '../../src/doctor/checks/endpoint.js';
import { authorizationServerUrls, protectedResourceUrls } from '../../src/doctor/oauth/endpoints.js';
import { parseDuration, parseLogin } from '../../src/cli/doctor.js';
import { renderText } from '../../src/doctor/report/text.js';
import type { DoctorReport } from '../../src/doctor/types.js';

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(enc.encode(c));
      controller.close();
    },
  });
}

describe('parseForms', () => {
  it('reads action, method, hidden and visible inputs, and button labels with entities decoded', () => {
    const html = `<html><body><form method="POST" action="/login?x=1&amp;y=2">
      <input type="hidden" name="csrf" value="a&quot;b"><input type="email" name="email" placeholder="Email">
      <input type="password" name="password"><button type="submit" name="decision" value="allow">Allow <b>access</b></button>
      <button name="decision" value="deny">Deny</button></form><form action="/other"><input type="submit" value="Go"></form></body></html>`;
    const [login, other] = parseForms(html);
    expect(login).toMatchObject({ action: '/login?x=1&y=2', method: 'POST' });
    expect(login!.fields.map((f) => [f.tag, f.type, f.name, f.value])).toEqual([
      ['input', 'hidden', 'csrf', 'a"b'],
      ['input', 'email', 'email', ''],
      ['input', 'password', 'password', ''],
      ['button', 'submit', 'decision', 'allow'],
      ['button', 'submit', 'decision', 'deny'],
    ]);
    expect(login!.fields[3]!.label).toBe('Allow access');
    expect(other).toMatchObject({ action: '/other', method: 'GET' });
  });
});

describe('parseChallenge', () => {
  it('reads quoted and token parameters of a Bearer challenge', () => {
    const c = parseChallenge('Bearer resource_metadata="https://x.example/.well-known/oauth-protected-resource/mcp", scope="a b", error=invalid_token, error_description="say \\"hi\\""');
    expect(c).toEqual({ scheme: 'Bearer', params: { resource_metadata: 'https://x.example/.well-known/oauth-protected-resource/mcp', scope: 'a b', error: 'invalid_token', error_description: 'say "hi"' } });
  });
  it('returns the scheme alone when there are no parameters', () => {
    expect(parseChallenge('Basic')).toEqual({ scheme: 'Basic', params: {} });
  });
});

describe('readSseEvents', () => {
  it('parses events split across chunks, ignores comments, and drops an event cut off before its blank line (as EventSource does)', async () => {
    const result = await readSseEvents(streamOf([': keep-alive\n\nid: 1\nda', 'ta: {"a":\ndata: 1}\n\n', 'event: message\ndata: last']));
    expect(result.events.map((e) => e.data)).toEqual(['{"a":\n1}']);
    expect(result.stoppedEarly).toBe(false);
  });
  it('stops as soon as the caller has its reply', async () => {
    const result = await readSseEvents(streamOf(['data: first\n\n', 'data: second\n\n']), (e) => e.data === 'first');
    expect(result.events.map((e) => e.data)).toEqual(['first']);
    expect(result.stoppedEarly).toBe(true);
  });
});

describe('deriveQuery', () => {
  it('takes the first specific word of the search description', () => {
    expect(deriveQuery([{ name: 'search', description: 'Search ACME help-center articles. Returns ids.' }])).toBe('acme');
    expect(deriveQuery([{ name: 'search', description: 'Search the refund and shipping handbook.' }])).toBe('refund');
    expect(deriveQuery([{ name: 'search' }])).toBe('help');
  });
});

describe('URLs doctor derives', () => {
  it('suggests /mcp for an origin and / for /mcp', () => {
    expect(alternativeEndpoints('https://x.example/')).toEqual(['https://x.example/mcp', 'https://x.example/api/mcp']);
    expect(alternativeEndpoints('https://x.example/mcp')).toEqual(['https://x.example/']);
  });
  it('builds PRM and AS metadata URLs in the spec discovery order', () => {
    expect(protectedResourceUrls('https://x.example/mcp')).toEqual({ pathSuffixed: 'https://x.example/.well-known/oauth-protected-resource/mcp', root: 'https://x.example/.well-known/oauth-protected-resource' });
    expect(authorizationServerUrls('https://as.example/tenant1')).toEqual({
      rfc8414: 'https://as.example/.well-known/oauth-authorization-server/tenant1',
      oidc: ['https://as.example/.well-known/openid-configuration/tenant1', 'https://as.example/tenant1/.well-known/openid-configuration'],
    });
    expect(authorizationServerUrls('https://as.example')).toEqual({ rfc8414: 'https://as.example/.well-known/oauth-authorization-server', oidc: ['https://as.example/.well-known/openid-configuration'] });
  });
});

describe('CLI option parsing', () => {
  it('parses durations and credentials', () => {
    expect(parseDuration('10s')).toBe(10_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('1m')).toBe(60_000);
    expect(parseDuration('3')).toBe(3000);
    expect(parseDuration('soon')).toBeUndefined();
    expect(parseDuration('0s')).toBeUndefined();
    expect(parseLogin('ada@example.com:pa:ss')).toEqual({ username: 'ada@example.com', password: 'pa:ss' });
    expect(parseLogin('nopassword:')).toBeUndefined();
    expect(parseLogin(':pw')).toBeUndefined();
  });
});

describe('renderText', () => {
  const report: DoctorReport = {
    tool: 'mcp-devmode doctor', version: '0.0.0', url: 'https://x.example/mcp', endpoint: 'https://x.example/mcp', startedAt: new Date(0).toISOString(), durationMs: 1200, ok: false,
    summary: { pass: 1, warn: 0, fail: 1, skip: 2 }, eras: { legacy: [], modern: [] },
    checks: [
      { id: 'transport.get', area: 'transport', status: 'fail', message: 'GET → 404', fix: 'answer 405', durationMs: 1 },
      { id: 'tools.list', area: 'tools', status: 'pass', message: '1 tool', durationMs: 1 },
      { id: 'auth.prm', area: 'auth', status: 'skip', message: 'auth is off', durationMs: 0 },
      { id: 'auth.issuer', area: 'auth', status: 'skip', message: 'auth is off', durationMs: 0 },
    ],
  };
  it('colours only when asked, and collapses runs of identical skips', () => {
    const plain = renderText(report, { color: false });
    expect(plain).not.toMatch(/\x1b\[/);
    expect(plain).toContain('✗ transport.get');
    expect(plain).toContain('fix: answer 405');
    expect(plain).toMatch(/– 2 checks +auth is off \(auth\.prm, auth\.issuer\)/);
    expect(plain.trim().split('\n').at(-1)).toBe('✗ 1 problem to fix (1 passed, 0 warnings, 1 failed, 2 skipped in 1.2 s)');
    expect(renderText(report, { color: true })).toMatch(/\x1b\[/);
  });
  it('respects NO_COLOR when colour is not forced', () => {
    const tty = process.stdout.isTTY;
    process.env.NO_COLOR = '1';
    Object.defineProperty(process.stdout, 'isTTY', { value: true, configurable: true });
    try {
      expect(renderText(report)).not.toMatch(/\x1b\[/);
    } finally {
      delete process.env.NO_COLOR;
      Object.defineProperty(process.stdout, 'isTTY', { value: tty, configurable: true });
    }
  });
});
