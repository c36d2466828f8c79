import { describe, expect, it } from 'vitest';
import { httpKind } from '../../../src/runtime/tools/http.js';
import { httpEntry, testConfig } from './http-helpers.js';

const input = {
  type: 'object',
  properties: { id: { type: 'string' }, q: { type: 'string' }, page: { type: 'integer', default: 1 }, token: { type: 'string' } },
  required: ['id'],
};

function check(fields: Record<string, unknown>, index = 3) {
  const entry = httpEntry(fields, input);
  return httpKind.check?.(entry, testConfig([entry]), index) ?? [];
}

describe('http tool config checks', () => {
  it('accepts a valid entry', () => {
    expect(
      check({
        url: 'https://api.example.com/v1/items/{{id}}?page={{page}}',
        query: { q: '{{q | trim}}' },
        headers: { Authorization: 'Bearer {{token}}' },
        timeout: '5s', retries: 3, transform: '$.items', cacheTtl: 60000, maxBytes: 2048,
      }),
    ).toEqual([]);
  });

  it('locates placeholders that name no input property', () => {
    const issues = check({
      method: 'POST',
      url: 'https://api.example.com/items/{{idd}}',
      query: { search: '{{query}}' },
      headers: { 'X-Key': '{{apiKey}}' },
      body: { deep: { list: ['{{missing}}'] } },
    });
    expect(issues.map((i) => i.path)).toEqual([
      ['tools', 3, 'url'],
      ['tools', 3, 'query', 'search'],
      ['tools', 3, 'headers', 'X-Key'],
      ['tools', 3, 'body', 'deep', 'list', 0],
    ]);
    expect(issues[0]?.message).toContain('{{idd}}');
    expect(issues[0]?.hint).toContain('id, q, page, token');
  });

  it.each([
    ['not a URL', { url: 'api.example.com/x' }, 'url', /absolute http\(s\) URL/],
    ['a non-http scheme', { url: 'ftp://example.com/x' }, 'url', /absolute http\(s\) URL/],
    ['a placeholder in the host', { url: 'https://{{id}}.example.com/x' }, 'url', /not allowed in the scheme or host/],
    ['a fragment', { url: 'https://example.com/x#frag' }, 'url', /fragments/],
    ['a bad placeholder', { url: 'https://example.com/{{ id !}}' }, 'url', /not a valid placeholder/],
    ['an optional path argument', { url: 'https://example.com/x/{{q}}' }, 'url', /optional argument/],
    ['bad JSONata', { url: 'https://example.com/', transform: '$map(items, function($i) { $i.x ' }, 'transform', /JSONata syntax error/],
    ['a bad timeout', { url: 'https://example.com/', timeout: 'soon' }, 'timeout', /not a duration/],
    ['a too-long timeout', { url: 'https://example.com/', timeout: '10m' }, 'timeout', /between/],
    ['too many retries', { url: 'https://example.com/', retries: 50 }, 'retries', /integer from 0 to 10/],
    ['a GET body', { url: 'https://example.com/', body: { a: 1 } }, 'body', /cannot have a body/],
    ['a reserved header', { url: 'https://example.com/', headers: { Host: 'evil' } }, 'headers', /set by the HTTP client/],
    ['an unknown method', { url: 'https://example.com/', method: 'TRACE' }, 'method', /Unsupported method/],
  ])('reports %s', (_label, fields, key, message) => {
    const issues = check(fields);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]?.path.slice(0, 3)).toEqual(['tools', 3, key]);
    expect(issues[0]?.message).toMatch(message);
  });

  it('does not flag a path placeholder that has a default', () => {
    expect(check({ url: 'https://example.com/pages/{{page}}' })).toEqual([]);
  });

  it('create refuses an entry that fails its checks', async () => {
    const entry = httpEntry({ url: 'https://example.com/{{nope}}' }, input);
    await expect(httpKind.create(entry, { config: testConfig([entry]), logger: undefined as never, corpora: undefined as never })).rejects.toThrow(/nope/);
  });

  it('defaults annotations by method', () => {
    expect(httpKind.defaultAnnotationsFor?.({ method: 'post' })).toEqual({ readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true });
    expect(httpKind.defaultAnnotationsFor?.({ method: 'DELETE' })).toEqual({ readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true });
    expect(httpKind.defaultAnnotationsFor?.({})).toEqual(httpKind.defaultAnnotations);
    expect(httpKind.defaultAnnotations.readOnlyHint).toBe(true);
  });
});
