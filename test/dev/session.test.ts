// dev in process: a connected official client sees edits on its next tools/list, a broken edit
// keeps the last good tools serving with a located error, .env is watched, the port never moves.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDev, type DevSession, type ReloadOutcome } from '../../src/dev/session.js';
import { captureOutput, editAndWait as waitForReload, scaffoldInto } from './harness.js';
import { silentLogger } from '../../src/runtime/logger.js';

const captured = captureOutput();
const { out, lines } = captured;

let dir: string;
let config: string;
let session: DevSession;
let client: Client;

const editAndWait = (edit: () => Promise<void>): Promise<ReloadOutcome> => waitForReload(session, captured, edit);

async function toolNames(): Promise<string[]> {
  return (await client.listTools()).tools.map((t) => t.name);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-dev-'));
  await scaffoldInto(dir, 'blank');
  config = join(dir, 'mcp.yaml');
  session = await startDev({ file: config, port: 0, out, logger: silentLogger(), debounceMs: 50 });
  expect(session.initial.kind, lines.join("\n")).toBe("started");
  client = new Client({ name: 'dev-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(session.url()!)));
});

afterAll(async () => {
  await client?.close();
  await session?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('mcp-devmode dev', () => {
  it('serves the config it started with', async () => {
    expect(await toolNames()).toEqual(['calculate']);
    expect(lines.join('\n')).toContain('MCP endpoint: http://127.0.0.1:');
  });

  it('swaps in an edited config: the connected client sees added and changed tools, same port', async () => {
    const url = session.url();
    const original = await readFile(config, 'utf8');
    const outcome = await editAndWait(() =>
      writeFile(
        config,
        original.replace('description: Evaluate an arithmetic expression', 'description: Compute an arithmetic expression') +
          '\n  - name: calculate_again\n    kind: calculator\n    description: A second calculator.\n',
      ),
    );
    expect(outcome).toMatchObject({ kind: 'reloaded', diff: { added: ['calculate_again'], changed: ['calculate'], removed: [] } });
    expect(session.url()).toBe(url);
    expect(await toolNames()).toEqual(['calculate', 'calculate_again']);
    const description = (await client.listTools()).tools.find((t) => t.name === 'calculate')?.description;
    expect(description).toMatch(/^Compute an arithmetic expression/);
    const result = await client.callTool({ name: 'calculate_again', arguments: { expression: '6 * 7' } });
    expect(JSON.stringify(result.content)).toContain('42');
    const printed = lines.join('\n');
    expect(printed).toMatch(/reloaded: \+ calculate_again {2}~ calculate/);
    expect(printed).toContain('press Refresh');
  });

  it('keeps serving the last good tools and prints a located error when an edit breaks the file', async () => {
    const good = await readFile(config, 'utf8');
    lines.length = 0;
    const broken = good.replace('  - name: calculate_again\n    kind: calculator', '  - name: calculate_again\n    kind: calculatr');
    const outcome = await editAndWait(() => writeFile(config, broken));
    expect(outcome.kind).toBe('invalid');
    const line = broken.split('\n').findIndex((l) => l.includes('kind: calculatr')) + 1;
    expect(lines.join('\n')).toContain(`mcp.yaml:${line}:`);
    expect(lines.join('\n')).toMatch(/Still serving the last good config \(2 tools\)/);
    expect(await toolNames()).toEqual(['calculate', 'calculate_again']);
    const result = await client.callTool({ name: 'calculate', arguments: { expression: '2 + 2' } });
    expect(result.isError).toBeFalsy();

    const syntax = await editAndWait(() => writeFile(config, `${good}\n  - name: [unclosed\n`));
    expect(syntax.kind).toBe('invalid');
    expect(await toolNames()).toEqual(['calculate', 'calculate_again']);

    const fixed = await editAndWait(() => writeFile(config, good));
    expect(fixed).toMatchObject({ kind: 'reloaded', diff: { added: [], changed: [], removed: [] } });
    expect(lines.join('\n')).toContain('reloaded (tools unchanged)');
  });

  it('removing a tool is reported and the list shrinks', async () => {
    const good = await readFile(config, 'utf8');
    const outcome = await editAndWait(() => writeFile(config, good.replace(/\n {2}- name: calculate_again[^]*$/, '\n')));
    expect(outcome).toMatchObject({ kind: 'reloaded', diff: { added: [], removed: ['calculate_again'] } });
    expect(await toolNames()).toEqual(['calculate']);
  });

  it('watches .env: a changed port is reported as needing a restart while the server stays up', async () => {
    const url = session.url();
    const outcome = await editAndWait(() => writeFile(join(dir, '.env'), 'PORT=18080\n'));
    expect(outcome).toMatchObject({ kind: 'reloaded', restartNeeded: ['server.port'] });
    expect(lines.join('\n')).toMatch(/server\.port changed: restart `mcp-devmode dev`/);
    expect(session.url()).toBe(url);
    expect(await toolNames()).toEqual(['calculate']);
  });
});
