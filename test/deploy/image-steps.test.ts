// The generated Dockerfile's steps, run without Docker on a real project that depends on a packed
// mcp-devmode: `npm ci --omit=dev`, the start command, the HEALTHCHECK probe, and SIGTERM → exit 0.
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { runDeploy } from '../../src/deploy/run-deploy.js';
import { readPackageVersion } from '../../src/package-info.js';
import { replayDockerfile } from './dockerfile-steps.js';
import { repoRoot } from './helpers.js';
import { captureOutput } from './project.js';

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

async function waitForHealth(url: string, deadline: number, exited: () => string | undefined): Promise<Response> {
  for (;;) {
    const early = exited();
    if (early !== undefined) throw new Error(`the server exited before answering:\n${early}`);
    try {
      const response = await fetch(url);
      if (response.ok) return response;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer in time`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the Dockerfile steps, without Docker', () => {
  it('npm ci --omit=dev, then the CMD serves /healthz; the HEALTHCHECK passes; SIGTERM exits 0', { timeout: 60_000 }, async () => {
    const work = mkdtempSync(join(tmpdir(), 'image-steps-'));
    // 1. mcp-devmode as users get it from npm: a packed tarball (dist/ is built by the global setup).
    const packed = await execa('npm', ['pack', '--ignore-scripts', '--pack-destination', work, '--json'], { cwd: repoRoot });
    const tarball = join(work, (JSON.parse(packed.stdout) as { filename: string }[])[0]!.filename);

    // 2. A user project: the quickstart template (what `init` creates) plus package.json + package-lock.json depending on it.
    const project = join(work, 'project');
    cpSync(join(repoRoot, 'templates', 'quickstart'), project, { recursive: true });
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'my-mcp', private: true, dependencies: { 'mcp-devmode': `file:${tarball}` } }, null, 2),
    );
    const npmEnv = { npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
    await execa('npm', ['install', '--package-lock-only', '--ignore-scripts'], { cwd: project, env: npmEnv });

    // 3. deploy writes the Dockerfile for this project (the port becomes part of the image).
    const port = await freePort();
    const config = await loadConfig(join(project, 'mcp.yaml'), { env: { PORT: String(port) }, dotenv: false });
    const out = captureOutput();
    expect(await runDeploy(config, { target: 'docker', configArg: 'mcp.yaml', dryRun: false, yes: true, force: false, up: false, env: {}, toolVersion: readPackageVersion() }, out)).toBe(0);
    const dockerfile = readFileSync(join(project, 'Dockerfile'), 'utf8');

    // 4. Replay it. Install scripts are skipped here: better-sqlite3 would download a prebuilt binary
    //    (no network in tests) or compile for minutes; quickstart has no auth, so no store is opened.
    const image = await replayDockerfile(dockerfile, project, {
      runEnv: { ...npmEnv, npm_config_ignore_scripts: 'true', PATH: process.env.PATH ?? '', HOME: work },
      rewriteRun: (command) => command.replace('chown node:node', `chown ${process.getuid?.() ?? 0}:${process.getgid?.() ?? 0}`),
    });
    expect(image.runs[0]).toBe('npm ci --omit=dev --no-audit --no-fund');
    expect(existsSync(join(image.cwd, 'node_modules', 'mcp-devmode', 'bin', 'mcp-devmode.js'))).toBe(true);
    expect(existsSync(join(image.cwd, 'node_modules', 'vitest'))).toBe(false);
    expect(existsSync(join(image.cwd, '.env'))).toBe(false);
    expect(existsSync(join(image.cwd, 'data', 'articles'))).toBe(true);

    // 5. The start command exactly as the image runs it, with the image's ENV.
    expect(image.cmd.slice(2)).toEqual(['serve', 'mcp.yaml', '--host', '0.0.0.0', '--port', String(port)]);
    const server = execa(image.cmd[0]!, image.cmd.slice(1), { cwd: image.cwd, env: { ...image.env, PATH: process.env.PATH ?? '' }, extendEnv: false, reject: false, all: true });
    let exitedOutput: string | undefined;
    void server.then((r) => (exitedOutput = `exit ${r.exitCode}\n${r.all ?? ''}`));
    try {
      const health = await waitForHealth(`http://127.0.0.1:${port}/healthz`, Date.now() + 20_000, () => exitedOutput);
      expect(health.status).toBe(200);
      const probe = await execa(image.healthcheck![0]!, image.healthcheck!.slice(1), { reject: false });
      expect(probe.exitCode).toBe(0);
    } finally {
      server.kill('SIGTERM');
    }
    const exit = await server;
    expect(exit.exitCode, exit.all).toBe(0);
  });
});
