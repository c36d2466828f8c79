// `deploy fly` against a fake flyctl that records argv/stdin/env and rejects flags the real flyctl lacks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDeploy, type DeployRunOptions } from '../../src/deploy/run-deploy.js';
import { oauth } from './helpers.js';
import { captureOutput, fakeCli, makeProject } from './project.js';

const SECRET = 's3cr3t-value-that-must-not-leak';

function options(env: NodeJS.ProcessEnv, extra: Partial<DeployRunOptions> = {}): DeployRunOptions {
  return { target: 'fly', configArg: 'mcp.yaml', dryRun: false, yes: true, force: false, up: false, env, toolVersion: '0.1.0', ...extra };
}

describe('deploy fly', () => {
  it('new app on SQLite: whoami, status, apps create, volumes create, staged secret on stdin, deploy --ha=false', async () => {
    const config = makeProject({ auth: oauth, envVars: ['MY_CLIENT_SECRET', 'DATABASE_URL'] }, `MY_CLIENT_SECRET=${SECRET}\n`);
    const fly = fakeCli({});
    const out = captureOutput();
    const code = await runDeploy(config, options(fly.env, { app: 'my-mcp', region: 'fra' }), out);
    expect(out.errors()).toBe('');
    expect(code).toBe(0);
    const calls = fly.calls();
    expect(calls.filter((c) => c.rejected)).toEqual([]);
    expect(calls.map((c) => c.argv)).toEqual([
      ['auth', 'whoami', '--json'],
      ['status', '--app', 'my-mcp', '--json'],
      ['apps', 'create', 'my-mcp', '--org', 'personal'],
      ['volumes', 'create', 'mcp_state', '--app', 'my-mcp', '--region', 'fra', '--size', '1', '--yes'],
      ['secrets', 'set', '--stage', '--app', 'my-mcp', 'MY_CLIENT_SECRET=-'],
      ['deploy', '--app', 'my-mcp', '--config', 'fly.toml', '--remote-only', '--yes', '--ha=false'],
    ]);
    expect(calls[4]!.stdin).toBe(SECRET);
    for (const call of calls) {
      expect(call.argv.join(' ')).not.toContain(SECRET);
      expect(JSON.stringify(call.env)).not.toContain(SECRET);
    }
    expect(out.text()).toContain('https://my-mcp.fly.dev/mcp');
    expect(out.text()).toContain('mcp-devmode doctor https://my-mcp.fly.dev/mcp');
    expect(out.text()).toMatch(/DATABASE_URL: not set here/);
    // OAuth with local users on SQLite: the first account is created on the machine itself.
    expect(out.text()).toContain('fly ssh console --app my-mcp');
    expect(out.text()).toContain("su node -c 'cd /app && node /usr/local/lib/node_modules/mcp-devmode/bin/mcp-devmode.js users add you@example.com'");
    const toml = readFileSync(join(config.baseDir, 'fly.toml'), 'utf8');
    expect(toml).toContain('BASE_URL = "https://my-mcp.fly.dev"');
    expect(toml).not.toContain(SECRET);
    expect(readFileSync(join(config.baseDir, 'Dockerfile'), 'utf8')).not.toContain(SECRET);
  });

  it('existing app: no create, no volume; secret from the environment goes on stdin and is stripped from flyctl env', async () => {
    const config = makeProject({ envVars: ['API_KEY'] });
    const fly = fakeCli({ apps: ['acme-handbook'] });
    const out = captureOutput();
    const code = await runDeploy(config, options({ ...fly.env, API_KEY: SECRET }), out);
    expect(code).toBe(0);
    const calls = fly.calls();
    expect(calls.map((c) => c.argv)).toEqual([
      ['auth', 'whoami', '--json'],
      ['status', '--app', 'acme-handbook', '--json'],
      ['secrets', 'set', '--stage', '--app', 'acme-handbook', 'API_KEY=-'],
      ['deploy', '--app', 'acme-handbook', '--config', 'fly.toml', '--remote-only', '--yes'],
    ]);
    expect(calls[2]!.stdin).toBe(SECRET);
    for (const call of calls) {
      expect(call.argv.join(' ')).not.toContain(SECRET);
      expect(JSON.stringify(call.env)).not.toContain(SECRET);
      expect(call.env.API_KEY).toBeUndefined();
    }
    expect(calls.filter((c) => c.stdin.includes(SECRET))).toHaveLength(1);
    expect(out.text()).toContain('https://acme-handbook.fly.dev/mcp');
  });

  it('after a deploy it runs the doctor on the public MCP URL; a failing check makes the exit code 1', async () => {
    const config = makeProject();
    const fly = fakeCli({ apps: ['acme-handbook'] });
    const checked: string[] = [];
    const out = captureOutput();
    const code = await runDeploy(config, options(fly.env, { doctor: async (url) => (checked.push(url), false) }), out);
    expect(checked).toEqual(['https://acme-handbook.fly.dev/mcp']);
    expect(code).toBe(1);
    expect(out.text()).toContain('Checking https://acme-handbook.fly.dev/mcp the way ChatGPT will');
  });

  it('logged out: stops after `auth whoami` with the login command and the command to re-run', async () => {
    const config = makeProject();
    const fly = fakeCli({ loggedIn: false });
    const out = captureOutput();
    const code = await runDeploy(config, options(fly.env), out);
    expect(code).toBe(1);
    expect(fly.calls().map((c) => c.argv)).toEqual([['auth', 'whoami', '--json']]);
    expect(out.errors()).toContain('not logged in to Fly.io');
    expect(out.errors()).toContain('flyctl auth login');
    expect(out.errors()).toContain('mcp-devmode deploy fly --app acme-handbook --region iad --yes');
  });

  it('failing deploy: shows the last lines of flyctl output and the exact retry command', async () => {
    const config = makeProject();
    const fly = fakeCli({ apps: ['acme-handbook'], failDeploy: true });
    const out = captureOutput();
    const code = await runDeploy(config, options(fly.env), out);
    expect(code).toBe(1);
    expect(fly.calls().filter((c) => c.rejected)).toEqual([]);
    expect(out.errors()).toContain('npm ERR! code E404');
    expect(out.errors()).toContain('Error: failed to fetch an image or build from source');
    expect(out.errors()).toContain('flyctl deploy --app acme-handbook --config fly.toml --remote-only --yes');
    expect(out.text()).not.toContain('Paste this URL');
  });

  it('flyctl missing: prints the official install command and exits 1 without writing anything else', async () => {
    const config = makeProject();
    const out = captureOutput();
    const code = await runDeploy(config, options({ PATH: '/nonexistent' }), out);
    expect(code).toBe(1);
    expect(out.errors()).toContain('curl -L https://fly.io/install.sh | sh');
  });

  it('finds `fly` when only that name is installed, and streams a spinner line in a terminal', async () => {
    const config = makeProject();
    const fly = fakeCli({ apps: ['acme-handbook'] }, ['fly']);
    const out = captureOutput(true);
    expect(await runDeploy(config, options(fly.env), out)).toBe(0);
    expect(fly.calls().at(-1)!.argv[0]).toBe('deploy');
    // The progress line is redrawn in place (carriage return + clear line), never printed line by line.
    expect(out.text()).toMatch(/\[raw\]\r\x1b\[K[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Deploying acme-handbook to Fly\.io/);
    expect(out.text()).not.toContain('  --> Pushing image done');
    expect(out.text()).toContain('✓ Deploying acme-handbook to Fly.io');
  });

  it('the fake rejects flags real flyctl lacks (so the sequence above proves ours exist)', async () => {
    const fly = fakeCli({ apps: ['x'] });
    const { execa } = await import('execa');
    const bad = await execa(join(fly.binDir, 'flyctl'), ['launch', '--app', 'x'], { env: fly.env, reject: false, input: '' });
    const bad2 = await execa(join(fly.binDir, 'flyctl'), ['deploy', '--app', 'x', '--regionz', 'iad'], { env: fly.env, reject: false, input: '' });
    expect(bad.exitCode).toBe(1);
    expect(bad2.exitCode).toBe(1);
    expect(fly.calls().map((c) => c.rejected)).toEqual(['unknown command "launch"', 'unknown flag: --regionz']);
  });

  it('without --yes and without a terminal it refuses to touch the platform', async () => {
    const config = makeProject();
    const fly = fakeCli({ apps: ['acme-handbook'] });
    const out = captureOutput();
    expect(await runDeploy(config, options(fly.env, { yes: false }), out)).toBe(2);
    expect(fly.calls()).toEqual([]);
    expect(out.errors()).toContain('--yes');
  });
});
