// `mcp-devmode dev` as users run it: the real CLI in a project made by `init`, an official client
// connected while the YAML is edited and broken, and Ctrl-C (SIGINT) stopping it cleanly.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath } from '../helpers/spawn-serve.js';
import { runCli } from '../init/cli-helpers.js';

let dir: string;
let child: ChildProcess;
let stdout = '';
let stderr = '';
let client: Client;
let url: string;

async function waitForOutput(pattern: RegExp, from: () => string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(from())) {
    if (Date.now() > deadline) throw new Error(`${String(pattern)} not printed.\nstdout:\n${stdout}\nstderr:\n${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-dev-cli-'));
  const init = await runCli(['init', dir, '--template', 'blank', '--yes']);
  expect(init.code, init.stderr).toBe(0);
  child = spawn(process.execPath, [cliPath, 'dev', 'mcp.yaml', '--port', '0'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  await waitForOutput(/MCP endpoint: (http:\/\/\S+)/, () => stdout);
  url = /MCP endpoint: (http:\/\/\S+)/.exec(stdout)![1]!;
  client = new Client({ name: 'dev-cli-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
});

afterAll(async () => {
  await client?.close();
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

describe('mcp-devmode dev (CLI)', () => {
  it('prints the endpoint and what it watches', () => {
    expect(stdout).toContain('Tools (1): calculate');
    expect(stdout).toContain('Watching mcp.yaml, .env: save to reload.');
  });

  it('an edit shows up in the connected client’s next tools/list, with a Refresh reminder', async () => {
    const yaml = await readFile(join(dir, 'mcp.yaml'), 'utf8');
    await writeFile(join(dir, 'mcp.yaml'), `${yaml}\n  - name: percent\n    kind: calculator\n    description: Percentages, e.g. "15% of 80" written as "0.15 * 80".\n`);
    await waitForOutput(/reloaded: \+ percent/, () => stdout);
    expect(stdout).toContain('press Refresh');
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['calculate', 'percent']);
  });

  it('a broken edit keeps the old tools serving and prints the located error on stderr', async () => {
    const yaml = await readFile(join(dir, 'mcp.yaml'), 'utf8');
    const broken = yaml.replace('  - name: percent\n', '  - name: percent\n    timeout: [\n');
    await writeFile(join(dir, 'mcp.yaml'), broken);
    await waitForOutput(/Still serving the last good config \(2 tools\)/, () => stderr);
    const line = broken.split('\n').findIndex((l) => l.includes('timeout: [')) + 1;
    expect(stderr).toMatch(new RegExp(`mcp\\.yaml:(${line}|${line + 1}|${line + 2}):\\d+: error:`));
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['calculate', 'percent']);
    const result = (await client.callTool({ name: 'percent', arguments: { expression: '0.15 * 80' } })) as { content: { text: string }[] };
    expect(result.content[0]!.text).toContain('12');
    expect(url).toBe(/MCP endpoint: (http:\/\/\S+)/.exec(stdout)![1]);
  });

  it('stops on SIGINT with exit code 0', async () => {
    await client.close();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
