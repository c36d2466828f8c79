// `mcp-devmode deploy …` through the real executable: help, --dry-run, and `deploy fly` with a fake flyctl.
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers.js';
import { fakeCli } from './project.js';

const bin = join(repoRoot, 'bin', 'mcp-devmode.js');

function quickstartCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'deploy-cli-'));
  // The quickstart project as `init` creates it for users.
  cpSync(join(repoRoot, 'templates', 'quickstart'), dir, { recursive: true });
  return dir;
}

describe('mcp-devmode deploy (CLI)', () => {
  it('--help lists the four targets', async () => {
    const result = await execa(process.execPath, [bin, 'deploy', '--help'], { reject: false });
    expect(result.exitCode).toBe(0);
    for (const target of ['fly', 'render', 'railway', 'docker']) expect(result.stdout).toMatch(new RegExp(`^\\s+${target}\\b`, 'm'));
  });

  it('deploy fly --dry-run prints the files and flyctl commands and writes nothing', async () => {
    const dir = quickstartCopy();
    const before = readdirSync(dir).sort();
    const result = await execa(process.execPath, [bin, 'deploy', 'fly', '--dry-run', '--app', 'qs-demo'], { cwd: dir, reject: false, env: { PATH: '/nonexistent' } });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('── fly.toml (would create)');
    expect(result.stdout).toContain('BASE_URL = "https://qs-demo.fly.dev"');
    expect(result.stdout).toContain('fly deploy --app qs-demo --config fly.toml --remote-only --yes');
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('deploy fly --yes runs the flyctl sequence and prints the URL to paste into ChatGPT', async () => {
    const dir = quickstartCopy();
    const fly = fakeCli({});
    const result = await execa(process.execPath, [bin, 'deploy', 'fly', '--yes', '--no-doctor', '--app', 'qs-demo'], {
      cwd: dir,
      reject: false,
      env: fly.env,
      extendEnv: false,
    });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(fly.calls().map((c) => c.argv[0])).toEqual(['auth', 'status', 'apps', 'deploy']);
    expect(fly.calls().filter((c) => c.rejected)).toEqual([]);
    expect(result.stdout).toContain('https://qs-demo.fly.dev/mcp');
    expect(result.stdout).toContain('mcp-devmode doctor https://qs-demo.fly.dev/mcp');
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(['Dockerfile', '.dockerignore', 'fly.toml']));
  });

  it('--quiet prints nothing on success but still writes the files', async () => {
    const dir = quickstartCopy();
    const result = await execa(process.execPath, [bin, '--quiet', 'deploy', 'docker'], { cwd: dir, reject: false });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(['Dockerfile', '.dockerignore']));
  });

  it('a broken config exits 2 with a located error, before anything is written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deploy-cli-bad-'));
    const result = await execa(process.execPath, [bin, 'deploy', 'docker', '--config', 'missing.yaml'], { cwd: dir, reject: false });
    expect(result.exitCode).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });
});
