// Resources and prompts through the official clients (SDK v1, SDK v2 legacy / pinned 2026-07-28 /
// auto) against the in-process server: paged listing over a 250-document corpus, text/blob/corpus
// reads, templates, not-found codes per era, prompts with arguments and embedded resources; every
// server message checked against the official schema of its version.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCorpusProvider, type RuntimeCorpusProvider } from '../../src/runtime/corpus/provider.js';
import { silentLogger } from '../../src/runtime/logger.js';
import { CLIENT_MODES, connectHttp, type ConnectedClient } from '../helpers/mcp-clients.js';
import { serverMessageErrors } from '../helpers/mcp-schema.js';
import { recordingFetch } from '../helpers/recording-fetch.js';
import { configFromYaml, startTestServer, type TestServer } from '../helpers/test-server.js';

const HANDBOOK = '# Handbook\n\nBe kind. Ship small changes.\n';
// A real 1x1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const DOCS = 250;

const YAML = `
name: resources-test
version: 1.0.0
server: { port: 0, host: 127.0.0.1 }
corpora:
  notes:
    sources: [{ path: data/notes.jsonl, fields: { id: id, title: title, text: text } }]
    baseUrl: https://notes.example.com/
resources:
  - uri: docs://handbook
    name: handbook
    title: Team handbook
    description: How we work.
    file: ./data/handbook.md
    mimeType: text/markdown
  - uri: img://pixel
    name: pixel
    file: data/pixel.png
  - uri: text://motto
    name: motto
    text: Ship small changes.
  - corpus: notes
    name: notes
    title: Meeting notes
    description: One resource per note.
prompts:
  - name: summarize_ticket
    title: Summarize a ticket
    description: Summarize a ticket in three bullet points.
    arguments:
      - { name: ticket_id, description: The ticket, required: true }
      - { name: tone }
    messages:
      - role: user
        text: "Fetch ticket {{ticket_id}} and summarize it in three bullet points.{{tone}}"
      - role: assistant
        text: "Ticket {{ ticket_id | upper }} coming up."
  - name: with_handbook
    description: Quote the handbook.
    messages:
      - { role: user, resource: docs://handbook }
      - { role: user, text: Answer using the handbook above. }
  - name: describe_pixel
    description: Describe an image.
    messages:
      - { role: user, image: img://pixel }
      - { role: user, text: What colour is this pixel? }
`;

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-res-'));
  mkdirSync(join(dir, 'data'));
  writeFileSync(join(dir, 'data/handbook.md'), HANDBOOK);
  writeFileSync(join(dir, 'data/pixel.png'), PNG);
  const lines = Array.from({ length: DOCS }, (_, i) => JSON.stringify({ id: `note-${String(i).padStart(3, '0')}`, title: `Note ${i}`, text: `Body of note ${i}.` }));
  writeFileSync(join(dir, 'data/notes.jsonl'), `${lines.join('\n')}\n`);
  return dir;
}

const EXPECTED_VERSION = { 'sdk-v1': '2025-11-25', 'v2-legacy': '2025-11-25', 'v2-modern': '2026-07-28', 'v2-auto': '2026-07-28' } as const;

let server: TestServer;
let corpora: RuntimeCorpusProvider;

beforeAll(async () => {
  const config = await configFromYaml(YAML, { dir: project() });
  corpora = createCorpusProvider(config, { logger: silentLogger(), cache: false });
  server = await startTestServer(config, { runtime: { corpora } });
});
afterAll(async () => {
  await server?.close();
  await corpora?.close();
});

describe.each(CLIENT_MODES)('official client %s: resources and prompts', (mode) => {
  const recording = recordingFetch();
  let client: ConnectedClient;

  beforeAll(async () => {
    client = await connectHttp(mode, server.url, recording);
  });
  afterAll(async () => {
    await client?.close();
    expect(recording.violations).toEqual([]);
  });

  it('negotiates the expected version', () => {
    expect(client.version).toBe(EXPECTED_VERSION[mode]);
  });

  it('pages through every resource with cursors (static entries, then 250 corpus documents)', async () => {
    const uris: string[] = [];
    let cursor: string | undefined;
    const before = recording.messages.filter((m) => m.method === 'resources/list').length;
    do {
      // SDK v2 follows nextCursor by itself; SDK v1 hands it back: either way the server pages.
      const page = await client.raw.listResources(cursor ? { cursor } : undefined);
      uris.push(...page.resources.map((r) => r.uri));
      cursor = page.nextCursor;
    } while (cursor);
    const pages = recording.messages.filter((m) => m.method === 'resources/list').slice(before);
    expect(pages).toHaveLength(3);
    expect(pages.map((p) => (p.message as { result: { resources: unknown[] } }).result.resources.length)).toEqual([100, 100, 53]);
    expect(uris).toHaveLength(3 + DOCS);
    expect(uris.slice(0, 4)).toEqual(['docs://handbook', 'img://pixel', 'text://motto', 'docs://notes/note-000']);
    expect(new Set(uris).size).toBe(uris.length);
    expect(uris.at(-1)).toBe('docs://notes/note-249');
  });

  it('reads text files as text, binary files as base64 blobs, inline text and corpus documents', async () => {
    const handbook = await client.raw.readResource({ uri: 'docs://handbook' });
    expect(handbook.contents).toEqual([{ uri: 'docs://handbook', mimeType: 'text/markdown', text: HANDBOOK }]);
    const pixel = await client.raw.readResource({ uri: 'img://pixel' });
    expect(pixel.contents[0]).toMatchObject({ uri: 'img://pixel', mimeType: 'image/png' });
    expect(Buffer.from((pixel.contents[0] as { blob: string }).blob, 'base64').equals(PNG)).toBe(true);
    const motto = await client.raw.readResource({ uri: 'text://motto' });
    expect(motto.contents).toEqual([{ uri: 'text://motto', mimeType: 'text/plain', text: 'Ship small changes.' }]);
    const note = await client.raw.readResource({ uri: 'docs://notes/note-042' });
    expect(note.contents).toEqual([{ uri: 'docs://notes/note-042', mimeType: 'text/plain', text: 'Body of note 42.' }]);
  });

  it('lists the corpus template', async () => {
    const { resourceTemplates } = await client.raw.listResourceTemplates();
    expect(resourceTemplates).toEqual([{ uriTemplate: 'docs://notes/{id}', name: 'notes', title: 'Meeting notes', description: 'One resource per note.', mimeType: 'text/plain' }]);
  });

  it('answers an unknown resource with the code of its era (-32002 legacy, -32602 2026-07-28)', async () => {
    const expected = EXPECTED_VERSION[mode] === '2026-07-28' ? -32602 : -32002;
    for (const uri of ['docs://notes/nope', 'file:///etc/passwd']) {
      await expect(client.raw.readResource({ uri })).rejects.toThrow(/not found/i);
      // What the server sent (SDK v2 re-labels errors it recognises; the wire is what counts).
      const last = recording.messages.filter((m) => m.method === 'resources/read').at(-1)?.message as { error?: { code: number; data?: unknown } };
      expect(last.error).toMatchObject({ code: expected, data: { uri } });
    }
  });

  it('lists prompts and renders one with its arguments', async () => {
    const { prompts } = await client.raw.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(['summarize_ticket', 'with_handbook', 'describe_pixel']);
    expect(prompts[0]?.arguments).toEqual([{ name: 'ticket_id', description: 'The ticket', required: true }, { name: 'tone', required: false }]);
    const got = await client.raw.getPrompt({ name: 'summarize_ticket', arguments: { ticket_id: 'abc-7' } });
    expect(got.description).toBe('Summarize a ticket in three bullet points.');
    expect(got.messages).toEqual([
      { role: 'user', content: { type: 'text', text: 'Fetch ticket abc-7 and summarize it in three bullet points.' } },
      { role: 'assistant', content: { type: 'text', text: 'Ticket ABC-7 coming up.' } },
    ]);
  });

  it('embeds a declared resource in a prompt', async () => {
    const got = await client.raw.getPrompt({ name: 'with_handbook' });
    expect(got.messages[0]).toEqual({ role: 'user', content: { type: 'resource', resource: { uri: 'docs://handbook', mimeType: 'text/markdown', text: HANDBOOK } } });
  });

  it('shows an image resource as an image block', async () => {
    const got = await client.raw.getPrompt({ name: 'describe_pixel' });
    expect(got.messages[0]).toEqual({ role: 'user', content: { type: 'image', data: PNG.toString('base64'), mimeType: 'image/png' } });
  });

  it('refuses a prompt without its required argument, unknown arguments and unknown prompts with -32602', async () => {
    await expect(client.raw.getPrompt({ name: 'summarize_ticket' })).rejects.toMatchObject({ code: -32602, message: expect.stringContaining('ticket_id') });
    await expect(client.raw.getPrompt({ name: 'summarize_ticket', arguments: { ticket_id: '1', nope: 'x' } })).rejects.toMatchObject({ code: -32602 });
    await expect(client.raw.getPrompt({ name: 'no_such_prompt' })).rejects.toMatchObject({ code: -32602 });
  });
});

describe('resources and prompts on the wire', () => {
  const modernMeta = { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {} };

  async function post(body: Record<string, unknown>, version: string, extra: Record<string, string> = {}): Promise<{ status: number; json: { result?: Record<string, unknown>; error?: { code: number; message: string } } }> {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': version, ...extra },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, ...body }),
    });
    const json = (await response.json()) as { result?: Record<string, unknown>; error?: { code: number; message: string } };
    for (const problem of serverMessageErrors(version, body.method as string, json)) throw new Error(problem);
    return { status: response.status, json };
  }

  it('2026-07-28 list and read results carry resultType, ttlMs and cacheScope', async () => {
    const list = await post({ method: 'resources/list', params: { _meta: modernMeta } }, '2026-07-28', { 'mcp-method': 'resources/list' });
    expect(list.json.result).toMatchObject({ resultType: 'complete', cacheScope: 'public', ttlMs: expect.any(Number) });
    const read = await post({ method: 'resources/read', params: { uri: 'text://motto', _meta: modernMeta } }, '2026-07-28', { 'mcp-method': 'resources/read', 'mcp-name': 'text://motto' });
    expect(read.json.result).toMatchObject({ resultType: 'complete', cacheScope: 'public', contents: [{ text: 'Ship small changes.' }] });
    const prompts = await post({ method: 'prompts/list', params: { _meta: modernMeta } }, '2026-07-28', { 'mcp-method': 'prompts/list' });
    expect(prompts.json.result).toMatchObject({ resultType: 'complete', cacheScope: 'public' });
  });

  it('legacy results have no 2026-07-28 fields', async () => {
    const list = await post({ method: 'resources/list', params: {} }, '2025-11-25');
    expect(list.json.result).not.toHaveProperty('ttlMs');
    expect(list.json.result).not.toHaveProperty('resultType');
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['a cursor of another list', 'x'],
    ['a well-formed cursor past the end', Buffer.from('AAAAAAAAAA:9999').toString('base64url')],
    ['a number', 7],
  ])('refuses %s as a cursor with -32602', async (_label, cursor) => {
    const { json } = await post({ method: 'resources/list', params: { cursor } }, '2025-11-25');
    expect(json.error?.code).toBe(-32602);
    const templates = await post({ method: 'resources/templates/list', params: { cursor } }, '2025-11-25');
    expect(templates.json.error?.code).toBe(-32602);
  });

  it('advertises resources and prompts only when something is declared', async () => {
    const init = await post({ method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } } }, '2025-11-25');
    expect(init.json.result?.capabilities).toMatchObject({ resources: { listChanged: false }, prompts: { listChanged: false } });

    const bare = await startTestServer(await configFromYaml('name: bare\nserver: { port: 0 }\ntools:\n  - { name: calc, kind: calculator, description: Math. }\n'));
    try {
      const response = await fetch(bare.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } } }),
      });
      const { result } = (await response.json()) as { result: { capabilities: Record<string, unknown> } };
      expect(result.capabilities).toHaveProperty('tools');
      expect(result.capabilities).not.toHaveProperty('resources');
      expect(result.capabilities).not.toHaveProperty('prompts');
    } finally {
      await bare.close();
    }
  });
});
