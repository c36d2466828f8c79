// dev with corpora: editing a corpus file re-indexes and the connected client's next search sees
// it; a large corpus reports indexing progress; a broken corpus keeps the last good index serving.
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LARGE_CORPUS, startDev, type DevSession, type ReloadOutcome } from '../../src/dev/session.js';
import { captureOutput, editAndWait as waitForReload, scaffoldInto } from './harness.js';
import { silentLogger } from '../../src/runtime/logger.js';

const captured = captureOutput();
const { out, lines, progress } = captured;

let dir: string;
let session: DevSession;
let client: Client;

const editAndWait = (edit: () => Promise<void>): Promise<ReloadOutcome> => waitForReload(session, captured, edit);

async function search(query: string): Promise<{ id: string; title: string }[]> {
  const result = (await client.callTool({ name: 'search', arguments: { query } })) as unknown as { structuredContent: { results: { id: string; title: string }[] } };
  return result.structuredContent.results;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-dev-corpus-'));
  await scaffoldInto(dir, 'quickstart', { tools: ['search', 'fetch'] });
  session = await startDev({ file: join(dir, 'mcp.yaml'), port: 0, out, logger: silentLogger(), debounceMs: 50 });
  expect(session.initial.kind, lines.join('\n')).toBe('started');
  client = new Client({ name: 'dev-corpus-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(session.url()!)));
});

afterAll(async () => {
  await client?.close();
  await session?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('dev with a corpus', () => {
  it('watches the corpus folders and files', () => {
    expect(lines.join('\n')).toContain('Watching mcp.yaml, .env and the corpus files');
    expect(progress).toEqual([]); // a handful of documents: no progress line
  });

  it('a new Markdown file is searchable after the reload, on the same connection', async () => {
    expect(await search('kangaroo')).toEqual([]);
    const outcome = await editAndWait(() => writeFile(join(dir, 'data/articles/pets.md'), '# Travelling with pets\n\nKangaroo plush toys ship free; live kangaroos do not ship at all.\n'));
    expect(outcome).toMatchObject({ kind: 'reloaded', diff: { added: [], removed: [], changed: [] } });
    const hits = await search('kangaroo');
    expect(hits.map((h) => h.title)).toContain('Travelling with pets');
  });

  it('a JSONL line that breaks parsing is reported and the last good index keeps answering', async () => {
    const faq = join(dir, 'data/faq.jsonl');
    const good = await readFile(faq, 'utf8');
    lines.length = 0;
    const outcome = await editAndWait(() => writeFile(faq, `${good}{"id": "broken", "question": \n`));
    expect(['invalid', 'failed']).toContain(outcome.kind);
    expect(lines.join('\n')).toMatch(/faq\.jsonl/);
    expect(lines.join('\n')).toContain('Still serving the last good config');
    expect((await search('kangaroo')).map((h) => h.title)).toContain('Travelling with pets');
    const fixed = await editAndWait(() => writeFile(faq, good));
    expect(fixed.kind).toBe('reloaded');
  });

  it(`a corpus of ${LARGE_CORPUS}+ documents shows indexing progress to the end`, async () => {
    const records = Array.from({ length: LARGE_CORPUS + 200 }, (_, i) => JSON.stringify({ id: `gen-${i}`, question: `Generated question ${i}`, answer: `Answer number ${i} about widget ${i % 97}.`, link: `https://help.acme.example/gen/${i}`, category: 'generated' }));
    const outcome = await editAndWait(() => writeFile(join(dir, 'data/faq.jsonl'), `${records.join('\n')}\n`));
    expect(outcome.kind).toBe('reloaded');
    const bar = progress.find((p) => p.label === 'Indexing handbook');
    expect(bar, JSON.stringify(progress)).toBeDefined();
    expect(bar!.updates.at(-1)).toEqual([bar!.updates.at(-1)![1], bar!.updates.at(-1)![1]]);
    expect(bar!.updates.at(-1)![1]).toBeGreaterThanOrEqual(LARGE_CORPUS + 200);
    expect(bar!.finished).toMatch(/^Indexed handbook: \d+ documents$/);
    const hits = await search('Generated question 1111');
    expect(hits[0]?.id).toBe('gen-1111');
  });
});
