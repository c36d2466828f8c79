// Interactive init in a real pseudo-terminal (tmux): the prompts appear, arrow keys, space and
// typing answer them, and the project written matches the answers.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath } from '../helpers/spawn-serve.js';

const socket = `mcp-devmode-init-${process.pid}`;
let session = 'answers';
const hasTmux = (() => {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasTmux) {
  if (process.env.CI) throw new Error('tmux is required in CI for the interactive init test');
  console.warn('skipping interactive init test: tmux is not installed (apt-get install -y tmux)');
}

const tmux = (...args: string[]): string => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const screen = (): string => tmux('capture-pane', '-p', '-t', session, '-S', '-200');

async function waitFor(text: string | RegExp, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const shown = screen();
    if (typeof text === 'string' ? shown.includes(text) : text.test(shown)) return shown;
    if (Date.now() > deadline) throw new Error(`"${String(text)}" never appeared; the terminal shows:\n${shown}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Sends keys and waits a moment so the prompt redraws before the next answer. */
async function keys(...names: string[]): Promise<void> {
  tmux('send-keys', '-t', session, ...names);
  await new Promise((resolve) => setTimeout(resolve, 250));
}

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mcp-init-tty-'));
});
afterAll(async () => {
  if (hasTmux) {
    try {
      tmux('kill-server');
    } catch {
      // already gone
    }
  }
  await rm(root, { recursive: true, force: true });
});

describe.skipIf(!hasTmux)('interactive init in a terminal', () => {
  it('asks for folder, name, template, auth and tools, then writes what was chosen', async () => {
    const command = `cd ${root} && NO_COLOR=1 ${process.execPath} ${cliPath} init; echo "INIT-EXIT=$?"; sleep 60`;
    tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '50', command);

    await waitFor('Where should the project go?');
    await keys('-l', 'team-kb');
    await keys('Enter');
    await waitFor('Project name');
    await keys('-l', 'Team KB');
    await keys('Enter');
    await waitFor('Template');
    expect(screen()).toContain('search + fetch over sample documents');
    await keys('Enter'); // quickstart (the first option)
    await waitFor('Who may use the tools?');
    await keys('Down');
    await keys('Enter'); // signed-in users only
    await waitFor('Example tools to include');
    await keys('Down'); // cursor on fetch
    await keys('Space'); // deselect fetch
    await keys('Enter');
    const done = await waitFor(/INIT-EXIT=\d+/);
    expect(done).toContain('INIT-EXIT=0');
    expect(done).toContain('from the oauth-local template (OAuth sign-in)');
    expect(done).toContain('npx mcp-devmode users add');

    const dir = join(root, 'team-kb');
    const yaml = await readFile(join(dir, 'mcp.yaml'), 'utf8');
    expect(yaml).toMatch(/^name: team-kb$/m);
    expect(yaml).toContain('  mode: oauth\n  users: local');
    expect(yaml).toMatch(/- name: search\b/);
    expect(yaml).toMatch(/- name: calculate\b/);
    expect(yaml).not.toMatch(/- name: fetch\b/);
    expect((await stat(join(dir, 'data/faq.jsonl'))).isFile()).toBe(true);
    expect(JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')).name).toBe('team-kb');
    expect((await readFile(join(dir, 'README.md'), 'utf8')).split('\n')[0]).toBe('# Team KB — an MCP server with sign-in, for ChatGPT');
  });

  it('Ctrl-C cancels without writing anything', async () => {
    session = 'cancel';
    const command = `cd ${root} && ${process.execPath} ${cliPath} init cancelled; echo "INIT-EXIT=$?"; sleep 60`;
    tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '50', command);
    await waitFor('Project name');
    await keys('C-c');
    const done = await waitFor(/INIT-EXIT=\d+/);
    expect(done).toContain('INIT-EXIT=1');
    expect(done).toContain('Cancelled');
    await expect(stat(join(root, 'cancelled'))).rejects.toThrow();
  });
});
