// `mcp-devmode users …` as people run it (the real CLI in a child process), then `serve` with the
// OAuth example signing in as the user just added.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliPath, repoRoot, spawnServe } from '../helpers/spawn-serve.js';
import { openStore } from '../../src/runtime/store/open.js';
import { verifyPassword } from '../../src/runtime/auth/password.js';
import { authorizeAndLogin, callMcp, pkce, registerOk, standardParams, tokenRequest } from '../runtime/auth/oauth-client.js';

const dir = mkdtempSync(join(tmpdir(), 'mcp-users-cli-'));
const storage = `sqlite:${join(dir, 'state.db')}`;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], input = '', env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('users command', () => {
  it('adds a user with the password from stdin, refuses duplicates and short passwords', async () => {
    const added = await cli(['users', 'add', 'Ada@Example.com', '--storage', storage], 'first password\n');
    expect(added).toMatchObject({ code: 0, stdout: 'added ada@example.com\n' });
    expect((await cli(['users', 'add', 'ada@example.com', '--storage', storage], 'other password\n')).code).toBe(2);
    const short = await cli(['users', 'add', 'bob@example.com', '--storage', storage], 'short\n');
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/at least 8 characters/);
    expect((await cli(['users', 'add', 'not-an-email', '--storage', storage], 'long enough pw\n')).code).toBe(2);
  });

  it('lists users (text and JSON) without any secret', async () => {
    const text = await cli(['users', 'list', '--storage', storage]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^ada@example\.com\t\d{4}-/);
    const json = await cli(['users', 'list', '--json', '--storage', storage]);
    const list = JSON.parse(json.stdout) as { email: string }[];
    expect(list.map((u) => u.email)).toEqual(['ada@example.com']);
    expect(json.stdout).not.toMatch(/scrypt/);
  });

  it('changes a password and removes a user', async () => {
    expect((await cli(['users', 'passwd', 'ada@example.com', '--storage', storage], 'second password\n')).code).toBe(0);
    const store = await openStore(storage, dir);
    const user = await store.findUserByEmail('ada@example.com');
    expect(await verifyPassword('second password', user!.passwordHash)).toBe(true);
    await store.close();
    expect((await cli(['users', 'passwd', 'nobody@example.com', '--storage', storage], 'second password\n')).code).toBe(1);
    expect((await cli(['users', 'add', 'temp@example.com', '--storage', storage], 'temporary password\n')).code).toBe(0);
    expect((await cli(['users', 'remove', 'temp@example.com', '--storage', storage])).code).toBe(0);
    expect((await cli(['users', 'remove', 'temp@example.com', '--storage', storage])).code).toBe(1);
  });

  it('finds the store through the config file', async () => {
    const res = await cli(['users', 'list', '-c', 'examples/oauth/mcp.yaml'], '', { DATABASE_URL: storage });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('ada@example.com');
  });
});

describe('serve with examples/oauth', () => {
  it('refuses port 0 without a public URL (the issuer would be unknown)', async () => {
    const res = await cli(['serve', 'examples/oauth/mcp.yaml', '--port', '0'], '', { DATABASE_URL: storage, BASE_URL: '' });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/OAuth needs a known address/);
  });

  it('signs in as the user added with `users add`', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      });
    });
    const origin = `http://127.0.0.1:${port}`;
    const serve = await spawnServe('examples/oauth/mcp.yaml', { args: ['--port', String(port)], env: { DATABASE_URL: storage, BASE_URL: origin } });
    try {
      expect((await callMcp(`${origin}/mcp`, 'bogus')).status).toBe(401);
      const client = await registerOk(origin, { redirect_uris: ['https://app.example.com/cb'] });
      const { verifier, challenge } = pkce();
      const outcome = await authorizeAndLogin(origin, standardParams({ client, resource: `${origin}/mcp`, challenge, scope: 'mcp:read' }), { email: 'ada@example.com', password: 'second password' });
      const code = outcome.redirect?.searchParams.get('code');
      expect(code, outcome.html.slice(0, 300)).toBeTruthy();
      const tokens = await tokenRequest(origin, { grant_type: 'authorization_code', code: code!, code_verifier: verifier, client_id: client.client_id, redirect_uri: 'https://app.example.com/cb', resource: `${origin}/mcp` });
      const res = await callMcp(`${origin}/mcp`, String(tokens.body.access_token), 'tools/call', { name: 'calculate', arguments: { expression: '6*7' } });
      expect(res.status).toBe(200);
      expect(JSON.stringify(await res.json())).toContain('42');
    } finally {
      await serve.stop();
    }
  });
});
