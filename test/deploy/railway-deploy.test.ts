// `deploy railway --up` against a fake Railway CLI that rejects flags the real one lacks; Render prints steps.
import { describe, expect, it } from 'vitest';
import { runDeploy, type DeployRunOptions } from '../../src/deploy/run-deploy.js';
import { oauth } from './helpers.js';
import { captureOutput, fakeCli, makeProject } from './project.js';

const SECRET = 'railway-secret-value-42';

function options(target: 'railway' | 'render', env: NodeJS.ProcessEnv, extra: Partial<DeployRunOptions> = {}): DeployRunOptions {
  return { target, configArg: 'mcp.yaml', dryRun: false, yes: true, force: false, up: true, env, toolVersion: '0.1.0', ...extra };
}

describe('deploy railway --up', () => {
  it('sets PORT (and BASE_URL when the config reads it), secrets via --set-from-stdin, then `railway up --ci`', async () => {
    const config = makeProject({ envVars: ['API_KEY', 'BASE_URL'] }, `API_KEY=${SECRET}\n`);
    const cli = fakeCli({});
    const out = captureOutput();
    expect(await runDeploy(config, options('railway', cli.env), out)).toBe(0);
    const calls = cli.calls();
    expect(calls.filter((c) => c.rejected)).toEqual([]);
    expect(calls.map((c) => c.argv)).toEqual([
      ['variables', '--set', 'PORT=8080', '--set', 'BASE_URL=https://${{RAILWAY_PUBLIC_DOMAIN}}', '--skip-deploys'],
      ['variables', '--set-from-stdin', 'API_KEY', '--skip-deploys'],
      ['up', '--ci'],
    ]);
    expect(calls[1]!.stdin).toBe(SECRET);
    for (const call of calls) expect(call.argv.join(' ')).not.toContain(SECRET);
    expect(out.text()).toContain('Generate a public domain');
  });

  it('without ${BASE_URL} in the config it sets only PORT (the server reads RAILWAY_PUBLIC_DOMAIN itself)', async () => {
    const cli = fakeCli({});
    expect(await runDeploy(makeProject(), options('railway', cli.env), captureOutput())).toBe(0);
    expect(cli.calls()[0]!.argv).toEqual(['variables', '--set', 'PORT=8080', '--skip-deploys']);
  });

  it('not linked: says to run `railway init` or `railway link`', async () => {
    const config = makeProject();
    const cli = fakeCli({ linked: false });
    const out = captureOutput();
    expect(await runDeploy(config, options('railway', cli.env), out)).toBe(1);
    expect(out.errors()).toContain('railway init --name');
    expect(out.errors()).toContain('railway link');
  });

  it('logged out: says to run `railway login`', async () => {
    const cli = fakeCli({ loggedIn: false });
    const out = captureOutput();
    expect(await runDeploy(makeProject(), options('railway', cli.env), out)).toBe(1);
    expect(out.errors()).toContain('railway login');
  });

  it('CLI missing: prints how to install it', async () => {
    const out = captureOutput();
    expect(await runDeploy(makeProject(), options('railway', { PATH: '/nonexistent' }), out)).toBe(1);
    expect(out.errors()).toContain('npm i -g @railway/cli');
  });

  it('without --up it only writes the files and prints the steps, including the volume for SQLite', async () => {
    const cli = fakeCli({});
    const out = captureOutput();
    expect(await runDeploy(makeProject({ auth: oauth }), options('railway', cli.env, { up: false }), out)).toBe(0);
    expect(cli.calls()).toEqual([]);
    expect(out.text()).toContain('created railway.json');
    expect(out.text()).toContain('Add a volume mounted at /app/.mcp-devmode');
  });
});

describe('deploy render', () => {
  it('writes render.yaml and prints the Blueprint steps with the secrets Render will ask for', async () => {
    const out = captureOutput();
    expect(await runDeploy(makeProject({ envVars: ['API_KEY', 'BASE_URL'] }), options('render', { PATH: '/nonexistent' }, { up: false }), out)).toBe(0);
    expect(out.text()).toContain('New → Blueprint');
    expect(out.text()).toContain('Render asks for the secret values (sync: false): BASE_URL, API_KEY');
    expect(out.text()).toContain('https://acme-handbook.onrender.com/mcp');
  });
});
