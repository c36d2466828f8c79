// scaffoldProject on the real templates: files written, mcp.yaml edited in place (comments kept),
// tool selection, OAuth added to a template without it, and the errors users can hit.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { readTemplate, type TemplateFiles } from '../../src/init/read-template.js';
import { projectSlug, scaffoldProject, templateTools, type ProjectFile } from '../../src/init/scaffold.js';
import { TEMPLATE_NAMES, templatesRoot, type TemplateName } from '../../src/init/templates.js';
import { writeProject } from '../../src/init/write-project.js';
import { isInitProblem } from '../../src/init/problems.js';
import { calculatorKind } from '../../src/runtime/tools/calculator.js';
import { httpKind } from '../../src/runtime/tools/http.js';

const VERSION = '9.8.7';
const templates = new Map<TemplateName, TemplateFiles>();
let scratch: string;

beforeAll(async () => {
  for (const name of TEMPLATE_NAMES) templates.set(name, await readTemplate(join(templatesRoot(), name)));
  scratch = await mkdtemp(join(tmpdir(), 'mcp-init-scaffold-'));
});
afterAll(async () => rm(scratch, { recursive: true, force: true }));

function scaffold(name: TemplateName, extra: Partial<Parameters<typeof scaffoldProject>[0]> = {}): ProjectFile[] {
  const result = scaffoldProject({ files: templates.get(name)!, version: VERSION, ...extra });
  if (isInitProblem(result)) throw new Error(`${result.code}: ${result.message}`);
  return result;
}

function file(files: readonly ProjectFile[], path: string): string {
  const found = files.find((f) => f.path === path);
  if (!found) throw new Error(`no ${path} in ${files.map((f) => f.path).join(', ')}`);
  return found.contents;
}

/** Parses with the kinds that need no corpus files (search/fetch configs are loaded in the CLI test). */
async function parseWithoutCorpora(text: string, dir: string) {
  return parseConfig(text, { sourcePath: join(dir, 'mcp.yaml'), env: { SUPABASE_URL: 'https://x.supabase.co', SUPABASE_ANON_KEY: 'anon' }, kinds: [calculatorKind, httpKind] });
}

describe.each(TEMPLATE_NAMES)('template %s', (name) => {
  it('scaffolds every project file with the schema line, scripts and our version', () => {
    const files = scaffold(name);
    const paths = files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['mcp.yaml', 'package.json', '.env.example', '.gitignore', 'README.md']));
    expect(paths).not.toContain('gitignore');
    expect(file(files, 'mcp.yaml').split('\n')[0]).toBe('# yaml-language-server: $schema=./node_modules/mcp-devmode/schema/mcp.schema.json');
    const pkg = JSON.parse(file(files, 'package.json')) as { dependencies: Record<string, string>; scripts: Record<string, string>; private: boolean };
    expect(pkg.dependencies).toEqual({ 'mcp-devmode': '^9.8.7' });
    expect(Object.keys(pkg.scripts).sort()).toEqual(['deploy', 'dev', 'doctor', 'start']);
    expect(pkg.scripts.dev).toBe('mcp-devmode dev');
    expect(pkg.private).toBe(true);
    expect(file(files, '.gitignore').split('\n')).toEqual(expect.arrayContaining(['.env', '.mcp-devmode/', 'node_modules/']));
  });

  it('README gives the exact ChatGPT steps and how to deploy', () => {
    const readme = file(scaffold(name), 'README.md');
    expect(readme).toContain('**Settings → Apps → Advanced settings**');
    expect(readme).toContain('**Developer mode**');
    expect(readme).toContain('**Create app**');
    expect(readme).toMatch(/Paste your server URL ending in `\/mcp`/);
    expect(readme).toMatch(/Choose authentication \*\*(No authentication|OAuth)\*\*/);
    expect(readme).toContain('npx mcp-devmode deploy render');
  });

  it('keeps the mcp.yaml text byte for byte when nothing is chosen', () => {
    expect(file(scaffold(name), 'mcp.yaml')).toBe(templates.get(name)!.get('mcp.yaml'));
  });
});

describe('choices', () => {
  it('renames the server and package, and retitles the README, leaving comments alone', () => {
    const files = scaffold('quickstart', { name: 'Team Docs' });
    const yaml = file(files, 'mcp.yaml');
    expect(yaml).toMatch(/^name: team-docs$/m);
    expect(yaml.replace(/^name: .*$/m, '')).toBe(templates.get('quickstart')!.get('mcp.yaml')!.replace(/^name: .*$/m, ''));
    expect(JSON.parse(file(files, 'package.json')).name).toBe('team-docs');
    expect(file(files, 'README.md').split('\n')[0]).toBe('# Team Docs — an MCP server for ChatGPT');
  });

  it.each([['2024', '"2024"'], ['1.0', '"1.0"'], ['yes', '"yes"'], ['null', '"null"'], ['v2-api', 'v2-api']])('writes the name %s so YAML reads it as text (%s)', async (name, written) => {
    const yaml = file(scaffold('blank', { name }), 'mcp.yaml');
    expect(yaml).toContain(`\nname: ${written}\n`);
    expect((await parseWithoutCorpora(yaml, scratch)).config.name).toBe(name);
  });

  it('keeps only the chosen tools and drops the corpus and data/ when no tool reads it', async () => {
    const files = scaffold('quickstart', { tools: ['calculate'] });
    const yaml = file(files, 'mcp.yaml');
    expect(files.some((f) => f.path.startsWith('data/'))).toBe(false);
    expect(yaml).not.toMatch(/^corpora:/m);
    expect(yaml).not.toContain('# ── Corpora');
    expect(yaml).toContain('# ── Tools');
    expect(yaml).toContain('# A safe arithmetic evaluator');
    const { config } = await parseWithoutCorpora(yaml, scratch);
    expect(config.tools.map((t) => t.name)).toEqual(['calculate']);
  });

  it('keeps the corpus and data/ when a search tool stays', () => {
    const files = scaffold('quickstart', { tools: ['search', 'calculate'] });
    expect(templateTools(new Map(files.map((f) => [f.path, f.contents]))).map((t) => t.name)).toEqual(['search', 'calculate']);
    expect(file(files, 'mcp.yaml')).toMatch(/^corpora:/m);
    expect(files.some((f) => f.path === 'data/faq.jsonl')).toBe(true);
  });

  it('adds OAuth to a template without it: auth + storage blocks, env variables and a sign-in section', async () => {
    const files = scaffold('binance', { addOAuthFrom: templates.get('oauth-local')! });
    const yaml = file(files, 'mcp.yaml');
    expect(yaml).toContain('  mode: oauth\n  users: local\n');
    expect(yaml).toMatch(/^storage: \$\{DATABASE_URL:-sqlite:\.mcp-devmode\/state\.db\}$/m);
    expect(yaml).toContain('# oauth: this server is its own OAuth 2.1 authorization server.');
    expect(yaml).not.toContain('Market data is public');
    const { config } = await parseWithoutCorpora(yaml, scratch);
    expect(config.auth.mode).toBe('oauth');
    expect(config.tools.map((t) => t.name)).toEqual(['get_klines']);
    const env = file(files, '.env.example');
    expect(env).toMatch(/^DATABASE_URL=/m);
    expect(env).toMatch(/^# BASE_URL=/m);
    expect(env.match(/^PORT=/gm)).toHaveLength(1);
    expect(file(files, 'README.md')).toContain('## Sign-in (OAuth)');
  });

  it('writes what it scaffolded, creating folders', async () => {
    const dir = join(scratch, 'written');
    const files = scaffold('quickstart');
    const result = await writeProject(dir, files);
    expect([...result.created].sort()).toEqual(files.map((f) => f.path).sort());
    expect(result.overwritten).toEqual([]);
  });
});

describe('refusals', () => {
  it.each([
    [{ tools: ['nope'] }, 'INIT_UNKNOWN_TOOL', /search, fetch, calculate/],
    [{ tools: [] }, 'INIT_NO_TOOLS', /keep at least one/],
    [{ name: '!!!' }, 'INIT_BAD_NAME', /my-mcp-server/],
  ])('%j → %s', (extra, code, hint) => {
    const result = scaffoldProject({ files: templates.get('quickstart')!, version: VERSION, ...extra });
    expect(isInitProblem(result) && result.code).toBe(code);
    expect(isInitProblem(result) && result.hint).toMatch(hint);
  });

  it('slugs names for npm and MCP', () => {
    expect(projectSlug('  My Cool_Server! ')).toBe('my-cool_server');
    expect(projectSlug('ACME.docs')).toBe('acme.docs');
    expect(projectSlug('---')).toBe('');
  });
});
