// `serve` and `call` as a user runs them: exit codes, located config errors, --help examples.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliPath, repoRoot, spawnServe } from '../helpers/spawn-serve.js';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cliPath, ...args], { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1' } }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mcp-cli-'));
  writeFileSync(
    join(dir, 'mcp.yaml'),
    'name: cli-test\nversion: 1.0.0\nserver:\n  port: 0\ntools:\n  - name: calculate\n    kind: calculator\n    description: Arithmetic.\n',
  );
  writeFileSync(join(dir, 'broken.yaml'), 'name: cli-test\nversion: 1.0.0\ntools:\n  - name: calculate\n    kind: calculatr\n    description: Typo in the kind.\n');
});

describe('mcp-devmode call', () => {
  it('prints the tool result and exits 0', async () => {
    const run = await cli(['call', 'calculate', '{"expression": "(12.5 * 4) / 3"}', '--config', join(dir, 'mcp.yaml')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('16.66');
  });

  it('prints the whole result with --json', async () => {
    const run = await cli(['call', 'calculate', '{"expression": "2+2"}', '--config', join(dir, 'mcp.yaml'), '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).content[0].text).toContain('4');
  });

  it('exits 1 when the tool returns an error result, naming the bad argument', async () => {
    const run = await cli(['call', 'calculate', '{}', '--config', join(dir, 'mcp.yaml')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('"expression"');
  });

  it('exits 2 for an unknown tool, listing the tools', async () => {
    const run = await cli(['call', 'nope', '--config', join(dir, 'mcp.yaml')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('calculate');
  });

  it('exits 2 for arguments that are not a JSON object', async () => {
    expect((await cli(['call', 'calculate', '{oops', '--config', join(dir, 'mcp.yaml')])).code).toBe(2);
    expect((await cli(['call', 'calculate', '[1]', '--config', join(dir, 'mcp.yaml')])).code).toBe(2);
  });

  it('has examples in --help', async () => {
    const run = await cli(['call', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Examples:');
  });
});

describe('mcp-devmode serve', () => {
  it('exits 2 with the located config error and no stack trace', async () => {
    const run = await cli(['serve', join(dir, 'broken.yaml'), '--port', '0']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/broken\.yaml:5:\d+/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for a bad --port', async () => {
    const run = await cli(['serve', join(dir, 'mcp.yaml'), '--port', 'eighty']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--port');
  });

  it('exits 2 when the config file does not exist', async () => {
    const run = await cli(['serve', join(dir, 'missing.yaml')]);
    expect(run.code).toBe(2);
  });

  it('exits 0 on SIGTERM even after a tool started a worker thread', async () => {
    const serve = await spawnServe(join(dir, 'mcp.yaml'));
    const res = await fetch(serve.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'calculate', arguments: { expression: 'factorial(20)' } } }),
    });
    expect(res.status).toBe(200);
    const started = Date.now();
    expect(await serve.stop('SIGTERM')).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('has examples in --help', async () => {
    const run = await cli(['serve', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Examples:');
    expect(run.stdout).toContain('--stdio');
  });
});
