// Writing generated files: --dry-run changes nothing, a re-run is a no-op, edits are kept unless --force.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDeploy, type DeployRunOptions } from '../../src/deploy/run-deploy.js';
import type { DeployTarget } from '../../src/deploy/targets.js';
import { oauth } from './helpers.js';
import { captureOutput, makeProject } from './project.js';

function options(target: DeployTarget, extra: Partial<DeployRunOptions> = {}): DeployRunOptions {
  return { target, configArg: 'mcp.yaml', dryRun: false, yes: true, force: false, up: false, env: { PATH: '/nonexistent' }, toolVersion: '0.1.0', ...extra };
}

/** Every file in the project with its content and mtime. */
function snapshot(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    if (statSync(path).isFile()) result[name] = `${statSync(path).mtimeMs}:${readFileSync(path, 'utf8')}`;
  }
  return result;
}

describe('generated files on disk', () => {
  for (const target of ['docker', 'render', 'railway', 'fly'] as const) {
    it(`${target}: --dry-run prints the files and changes nothing`, async () => {
      const config = makeProject({ auth: oauth, envVars: ['API_KEY'] }, 'API_KEY=abc123secret\n');
      const before = snapshot(config.baseDir);
      const out = captureOutput();
      expect(await runDeploy(config, options(target, { dryRun: true }), out)).toBe(0);
      expect(snapshot(config.baseDir)).toEqual(before);
      expect(out.text()).toContain('── Dockerfile (would create)');
      expect(out.text()).toContain('FROM node:');
      expect(out.text()).toContain('API_KEY: from .env');
      expect(out.text()).not.toContain('abc123secret');
      if (target === 'fly') {
        expect(out.text()).toContain('fly secrets set --stage --app acme-handbook API_KEY=-   # value on stdin, from .env');
        expect(out.text()).toContain('fly deploy --app acme-handbook --config fly.toml --remote-only --yes --ha=false');
      }
    });
  }

  it('writes the files once; running again without changes touches nothing', async () => {
    const config = makeProject();
    const first = captureOutput();
    expect(await runDeploy(config, options('render'), first)).toBe(0);
    expect(first.text()).toContain('created Dockerfile');
    expect(first.text()).toContain('created render.yaml');
    const after = snapshot(config.baseDir);
    await new Promise((r) => setTimeout(r, 20));
    const second = captureOutput();
    expect(await runDeploy(config, options('render'), second)).toBe(0);
    expect(snapshot(config.baseDir)).toEqual(after);
    expect(second.text()).toContain('Dockerfile is up to date');
    expect(second.text()).toContain('render.yaml is up to date');
  });

  it('refuses to overwrite a file the user edited, shows the diff, and overwrites only with --force', async () => {
    const config = makeProject();
    await runDeploy(config, options('docker'), captureOutput());
    const dockerfile = join(config.baseDir, 'Dockerfile');
    const edited = readFileSync(dockerfile, 'utf8').replace('EXPOSE 8080', 'EXPOSE 8080\nLABEL team="edited"');
    writeFileSync(dockerfile, edited);

    const refused = captureOutput();
    expect(await runDeploy(config, options('docker'), refused)).toBe(1);
    expect(readFileSync(dockerfile, 'utf8')).toBe(edited);
    expect(refused.text()).toContain('-LABEL team="edited"');
    expect(refused.errors()).toContain('Refusing to overwrite Dockerfile');
    expect(refused.errors()).toContain('--force');

    const dry = captureOutput();
    expect(await runDeploy(config, options('docker', { dryRun: true }), dry)).toBe(1);
    expect(dry.text()).toContain('would refuse without --force');
    expect(readFileSync(dockerfile, 'utf8')).toBe(edited);

    const forced = captureOutput();
    expect(await runDeploy(config, options('docker', { force: true }), forced)).toBe(0);
    expect(readFileSync(dockerfile, 'utf8')).not.toContain('LABEL team');
    expect(forced.text()).toContain('overwrote (--force) Dockerfile');
  });

  it('keeps the app name and region of an existing fly.toml when no flags are given', async () => {
    const config = makeProject();
    await runDeploy(config, options('fly', { app: 'chosen-name', region: 'ams', dryRun: false, env: { PATH: '/nonexistent' } }), captureOutput());
    const out = captureOutput();
    await runDeploy(config, options('fly', { dryRun: true }), out);
    expect(out.text()).toContain('── fly.toml (unchanged)');
    expect(out.text()).toContain('fly status --app chosen-name --json');
  });

  it('a config problem (file outside the project) is reported with a fix and exit code 2', async () => {
    const config = makeProject({ corpora: { docs: { name: 'docs', sources: [{ path: '../elsewhere/*.md' }] } } });
    const out = captureOutput();
    expect(await runDeploy(config, options('docker'), out)).toBe(2);
    expect(out.errors()).toContain('outside the folder of the config');
  });

  it('docker: prints build and run commands with the env file and the state volume', async () => {
    const config = makeProject({ auth: oauth, envVars: ['API_KEY'] }, 'API_KEY=x\n');
    const out = captureOutput();
    expect(await runDeploy(config, options('docker'), out)).toBe(0);
    expect(out.text()).toContain('docker build -t acme-handbook .');
    expect(out.text()).toContain('docker run --rm -p 8080:8080 --env-file .env -v acme-handbook-state:/app/.mcp-devmode acme-handbook');
  });
});
