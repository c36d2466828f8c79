// init's command-line behaviour: never waits for input without a terminal, refuses to write over
// a project without --force, reports bad flags with exit 2, and --help shows examples.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-helpers.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mcp-init-cli-'));
});
afterAll(async () => rm(root, { recursive: true, force: true }));

describe('mcp-devmode init', () => {
  it('takes defaults when stdin is not a terminal, even without --yes (never hangs in CI)', async () => {
    const dir = join(root, 'defaults');
    const result = await runCli(['init', dir], { timeoutMs: 15_000 });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('from the quickstart template');
    expect(await readFile(join(dir, 'mcp.yaml'), 'utf8')).toMatch(/^name: acme-handbook$/m);
  });

  it('initialises the current folder when no dir is given', async () => {
    const dir = join(root, 'here');
    await mkdir(dir);
    const result = await runCli(['init', '--template', 'blank', '--yes'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Created this folder');
    expect(result.stdout).toMatch(/\$ npm install\n/);
    expect(await readFile(join(dir, '.gitignore'), 'utf8')).toContain('.env');
  });

  it('refuses a non-empty folder without --force, and adds the files with it', async () => {
    const dir = join(root, 'busy');
    await mkdir(dir);
    await writeFile(join(dir, 'notes.txt'), 'mine');
    const refused = await runCli(['init', dir, '--template', 'blank', '--yes']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/is not empty \(notes\.txt\)/);
    expect(refused.stderr).toContain('--force');
    const forced = await runCli(['init', dir, '--template', 'blank', '--yes', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('refuses to overwrite an existing mcp.yaml without --force, and says which files were overwritten with it', async () => {
    const dir = join(root, 'existing');
    await mkdir(dir);
    await writeFile(join(dir, 'mcp.yaml'), 'name: mine\n');
    const refused = await runCli(['init', dir, '--yes']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('already has mcp.yaml');
    expect(await readFile(join(dir, 'mcp.yaml'), 'utf8')).toBe('name: mine\n');
    const forced = await runCli(['init', dir, '--yes', '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('~ mcp.yaml (overwritten)');
  });

  it.each([
    [['--template', 'nope'], /unknown template "nope"[^]*quickstart, binance, oauth-local, oauth-supabase, blank/],
    [['--auth', 'basic'], /--auth must be none or oauth/],
    [['--template', 'oauth-local', '--auth', 'none'], /built around sign-in/],
    [['--tools', 'search,nope'], /the template has no tool "nope"/],
  ])('%j → exit 2 with a fix', async (flags, message) => {
    const result = await runCli(['init', join(root, 'never'), '--yes', ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('fix:');
  });

  it('--auth oauth on quickstart gives the oauth-local project; on binance it adds sign-in', async () => {
    const quick = await runCli(['init', join(root, 'q-oauth'), '--auth', 'oauth', '--yes']);
    expect(quick.stdout).toContain('from the oauth-local template (OAuth sign-in)');
    expect(quick.stdout).toContain('users add');
    const bin = await runCli(['init', join(root, 'b-oauth'), '--template', 'binance', '--auth', 'oauth', '--yes']);
    expect(bin.code, bin.stderr).toBe(0);
    expect(await readFile(join(root, 'b-oauth', 'mcp.yaml'), 'utf8')).toContain('  mode: oauth\n  users: local');
  });

  it('--quiet prints nothing on success', async () => {
    const result = await runCli(['--quiet', 'init', join(root, 'quiet'), '--yes']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
  });

  it.each(['init', 'dev'])('%s --help shows examples', async (command) => {
    const result = await runCli([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Examples:\n {2}\$ /);
  });
});
