// End to end: `mcp-devmode serve examples/kitchen-sink/mcp.yaml` (the real CLI) over Streamable HTTP
// and stdio: the official clients list and read its resources, get its prompts and call its module
// tool; every message the server sends matches the official schema of its version.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_MODES, connectHttp, connectStdio, type ConnectedClient, type StdioRecording } from '../helpers/mcp-clients.js';
import { recordingFetch } from '../helpers/recording-fetch.js';
import { cliPath, repoRoot, spawnServe, type ServeProcess } from '../helpers/spawn-serve.js';

const configFile = join(repoRoot, 'examples/kitchen-sink/mcp.yaml');
const handbook = readFileSync(join(repoRoot, 'examples/kitchen-sink/data/handbook.md'), 'utf8');
const logo = readFileSync(join(repoRoot, 'examples/kitchen-sink/data/logo.png'));

async function exercise(client: ConnectedClient, recording: { messages: unknown[]; violations: string[] }): Promise<void> {
  try {
    const { resources } = await client.raw.listResources();
    expect(resources.map((r) => r.uri)).toEqual(['docs://handbook', 'docs://logo', 'text://motto', 'docs://notes/2026-11-02-planning', 'docs://notes/2026-11-09-retro']);
    const { resourceTemplates } = await client.raw.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toEqual(['docs://notes/{id}']);

    expect((await client.raw.readResource({ uri: 'docs://handbook' })).contents).toEqual([{ uri: 'docs://handbook', mimeType: 'text/markdown', text: handbook }]);
    const png = (await client.raw.readResource({ uri: 'docs://logo' })).contents[0] as { blob: string; mimeType: string };
    expect(png.mimeType).toBe('image/png');
    expect(Buffer.from(png.blob, 'base64').equals(logo)).toBe(true);
    const note = (await client.raw.readResource({ uri: 'docs://notes/2026-11-09-retro' })).contents[0] as { text: string };
    expect(note.text).toContain('on-call handover');

    const { prompts } = await client.raw.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(['summarize_ticket', 'onboarding']);
    const ticket = await client.raw.getPrompt({ name: 'summarize_ticket', arguments: { ticket_id: 'T-42', audience: 'support leads' } });
    expect(ticket.messages).toEqual([{ role: 'user', content: { type: 'text', text: 'Fetch ticket T-42 and summarize it in three bullet points for support leads.' } }]);
    const onboarding = await client.raw.getPrompt({ name: 'onboarding', arguments: { question: 'How fast do we review incidents?' } });
    expect(onboarding.messages[0]?.content).toMatchObject({ type: 'resource', resource: { uri: 'docs://handbook', text: handbook } });
    await expect(client.raw.getPrompt({ name: 'onboarding' })).rejects.toThrow(/question/);

    const stats = await client.callTool('word_stats', { text: 'Ship small changes. Ship often!', top: 1 });
    expect(stats.isError).toBeFalsy();
    expect(stats.structuredContent).toEqual({ words: 5, sentences: 2, top: [{ word: 'ship', count: 2 }] });
  } finally {
    await client.close();
  }
  expect(recording.messages.length).toBeGreaterThanOrEqual(10);
  expect(recording.violations).toEqual([]);
}

describe('examples/kitchen-sink', () => {
  let serve: ServeProcess;

  beforeAll(async () => {
    serve = await spawnServe(configFile);
  });
  afterAll(async () => {
    if (serve) expect(await serve.stop()).toBe(0);
  });

  it.each(CLIENT_MODES)('over Streamable HTTP with %s: resources, prompts and the module tool', async (mode) => {
    const recording = recordingFetch();
    await exercise(await connectHttp(mode, serve.url, recording), recording);
  });

  it.each(['sdk-v1', 'v2-auto'] as const)('over stdio with %s: resources, prompts and the module tool', async (mode) => {
    const recording: StdioRecording = { messages: [], violations: [] };
    await exercise(await connectStdio(mode, process.execPath, [cliPath, 'serve', '--stdio', configFile], recording), recording);
  });
});
