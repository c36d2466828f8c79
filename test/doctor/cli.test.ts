// The doctor command as users run it: exit codes, the text checklist, and --json validated against the shipped schema.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { Ajv } from 'ajv';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import { packageRoot } from '../../src/package-info.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/broken-servers/server.js';

const addFormats = (addFormatsModule as unknown as { default: FormatsPlugin }).default;
const bin = join(packageRoot, 'bin', 'mcp-devmode.js');

function doctor(args: string[]) {
  return execa(process.execPath, [bin, 'doctor', ...args], { reject: false, env: { NO_COLOR: '1' }, timeout: 60_000 });
}

let healthy: FixtureServer;
let broken: FixtureServer;
beforeAll(async () => {
  healthy = await startFixtureServer();
  broken = await startFixtureServer({ mistakes: { getReturns404: true, noReadOnlyHint: true } });
});
afterAll(async () => {
  await healthy.close();
  await broken.close();
});

describe('mcp-devmode doctor <url>', () => {
  it('--json prints a report that matches schema/doctor-report.schema.json and exits 0 when nothing fails', async () => {
    const run = await doctor([healthy.url, '--json', '--timeout', '5s']);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const report = JSON.parse(run.stdout) as { ok: boolean; checks: { id: string; status: string }[] };
    const schema = JSON.parse(readFileSync(join(packageRoot, 'schema', 'doctor-report.schema.json'), 'utf8')) as object;
    const ajv = new Ajv({ strict: true, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.ok).toBe(true);
    expect(report.checks.length).toBeGreaterThan(40);
  });

  it('the schema rejects a report whose failed check has no fix', async () => {
    const run = await doctor([broken.url, '--json']);
    const report = JSON.parse(run.stdout) as { checks: { id: string; status: string; fix?: string }[] };
    const schema = JSON.parse(readFileSync(join(packageRoot, 'schema', 'doctor-report.schema.json'), 'utf8')) as object;
    const ajv = new Ajv({ strict: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(report)).toBe(true);
    const failed = report.checks.find((c) => c.status === 'fail')!;
    delete failed.fix;
    expect(validate(report)).toBe(false);
  });

  it('prints a grouped checklist with ✓/⚠/✗, the fix, a summary line, and exits 1 when a check fails', async () => {
    const run = await doctor([broken.url]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/^Transport$/m);
    expect(run.stdout).toMatch(/✗ transport\.get +GET → 404/);
    expect(run.stdout).toMatch(/fix: answer GET on the MCP endpoint with 405/);
    expect(run.stdout).toMatch(/⚠ tools\.read-only-hint/);
    expect(run.stdout).toMatch(/✓ protocol\.initialize-2025-06-18/);
    expect(run.stdout.trim().split('\n').at(-1)).toMatch(/^✗ 1 problem to fix \(\d+ passed, 1 warning, 1 failed/);
    expect(run.stdout).not.toMatch(/\x1b\[/);
  });

  it('says "ready for ChatGPT Developer Mode" when nothing fails', async () => {
    const run = await doctor([healthy.url]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout.trim().split('\n').at(-1)).toMatch(/^✓ ready for ChatGPT Developer Mode/);
  });

  it('exits 2 on usage errors: a bad URL, a bad --timeout, a bad --login', async () => {
    for (const args of [['not a url'], ['ftp://example.com/mcp'], [healthy.url, '--timeout', 'soon'], [healthy.url, '--login', 'nocolon']]) {
      const run = await doctor(args);
      expect(run.exitCode, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/^error: /);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('mcp-devmode doctor against `mcp-devmode serve`', () => {
  it('the quickstart served by the real CLI is ready for ChatGPT Developer Mode', async () => {
    const { spawnServe } = await import('../helpers/spawn-serve.js');
    const serve = await spawnServe('examples/quickstart/mcp.yaml');
    try {
      const run = await doctor([serve.url, '--json']);
      const report = JSON.parse(run.stdout) as { ok: boolean; checks: { id: string; status: string; message: string }[] };
      expect(report.checks.filter((c) => c.status === 'fail' || c.status === 'warn').map((c) => `${c.id}: ${c.message}`)).toEqual([]);
      expect(report.ok).toBe(true);
      expect(run.exitCode).toBe(0);
    } finally {
      await serve.stop();
    }
  });
});
