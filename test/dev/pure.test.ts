// The pure parts of dev: tool diffs, what to watch for a config, and which edits need a restart.
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import type { McpConfig } from '../../src/config/types.js';
import { diffTools, toolListChanged } from '../../src/dev/tool-diff.js';
import { initialTargets, watchTargets } from '../../src/dev/watch-targets.js';
import { settingsNeedingRestart } from '../../src/dev/restart-needed.js';
import { calculatorKind } from '../../src/runtime/tools/calculator.js';
import { httpKind } from '../../src/runtime/tools/http.js';
import type { Tool } from '../../src/runtime/tools/types.js';

const tool = (name: string, description = name, extra: Partial<Tool> = {}): Tool => ({ name, description, inputSchema: { type: 'object' }, ...extra }) as Tool;

describe('diffTools', () => {
  it('names added, removed and changed tools in list order', () => {
    const before = [tool('a'), tool('b'), tool('c', 'c', { annotations: { readOnlyHint: true } })];
    const after = [tool('d'), tool('a'), tool('c', 'c', { annotations: { readOnlyHint: false } }), tool('e')];
    expect(diffTools(before, after)).toEqual({ added: ['d', 'e'], removed: ['b'], changed: ['c'] });
  });

  it('sees a schema change deep inside a tool, and nothing when nothing changed', () => {
    const before = [tool('a', 'a', { inputSchema: { type: 'object', properties: { q: { type: 'string' } } } })];
    const after = [tool('a', 'a', { inputSchema: { type: 'object', properties: { q: { type: 'string', minLength: 1 } } } })];
    expect(diffTools(before, after).changed).toEqual(['a']);
    const same = diffTools(before, structuredClone(before));
    expect(toolListChanged(same)).toBe(false);
  });
});

let dir: string;
async function config(yaml: string, env: Record<string, string> = {}): Promise<McpConfig> {
  return (await parseConfig(yaml, { sourcePath: join(dir, 'mcp.yaml'), env, kinds: [calculatorKind, httpKind] })).config;
}
const base = 'name: t\ntools:\n  - name: calc\n    kind: calculator\n    description: c\n';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-dev-pure-'));
  await mkdir(join(dir, 'docs'));
  await writeFile(join(dir, 'docs', 'a.md'), '# A\n\ntext');
  await writeFile(join(dir, 'faq.jsonl'), '{"id":"1","title":"t","text":"x"}\n');
  await writeFile(join(dir, 'rows.csv'), 'id,title,text\n1,t,x\n');
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('watchTargets', () => {
  it('starts with the config and its .env', () => {
    expect(initialTargets(join(dir, 'mcp.yaml')).paths).toEqual([join(dir, 'mcp.yaml'), join(dir, '.env')]);
  });

  it('adds the folder before each corpus glob, plain corpus files and top-level matches, never the whole project', async () => {
    const c = await config(`${base}corpora:\n  kb:\n    baseUrl: https://x.example/\n    sources:\n      - path: docs/**/*.md\n      - path: faq.jsonl\n        fields: { id: id, title: title, text: text }\n      - path: "*.csv"\n`);
    expect(watchTargets(c).paths).toEqual([join(dir, '.env'), join(dir, 'docs'), join(dir, 'faq.jsonl'), join(dir, 'mcp.yaml'), join(dir, 'rows.csv')].sort());
  });
});

describe('settingsNeedingRestart', () => {
  it('names the port, host, auth and storage, and nothing for tool edits', async () => {
    const running = await config(base);
    expect(settingsNeedingRestart(running, await config(base.replace('description: c', 'description: changed')))).toEqual([]);
    expect(settingsNeedingRestart(running, await config(`${base}server:\n  port: 9999\n  host: 0.0.0.0\n`))).toEqual(['server.port', 'server.host']);
    expect(settingsNeedingRestart(running, await config(`${base}auth:\n  mode: oauth\n  users: local\nstorage: sqlite:other.db\n`))).toEqual(['auth', 'storage']);
  });

  it('with OAuth on, a tool switching between public and signed-in needs a restart', async () => {
    const oauth = `name: t\nauth:\n  mode: oauth\n  users: local\ntools:\n  - name: calc\n    kind: calculator\n    description: c\n`;
    expect(settingsNeedingRestart(await config(oauth), await config(`${oauth}    auth: none\n`))).toEqual(['tools’ auth/scopes']);
  });
});
