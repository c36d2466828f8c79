// Builds throwaway projects on disk for deploy flow tests, and a PATH holding the fake flyctl/railway.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { McpConfig } from '../../src/config/types.js';
import type { DeployOutput } from '../../src/deploy/output.js';
import { fixtures, makeConfig } from './helpers.js';

/** A project folder with mcp.yaml, a small corpus and optionally a .env; returns its config object. */
export function makeProject(overrides: Parameters<typeof makeConfig>[0] = {}, dotenv?: string): McpConfig {
  const dir = mkdtempSync(join(tmpdir(), 'deploy-project-'));
  mkdirSync(join(dir, 'docs'));
  writeFileSync(join(dir, 'mcp.yaml'), 'name: acme-handbook\n');
  writeFileSync(join(dir, 'docs', 'a.md'), '# A\n');
  if (dotenv !== undefined) writeFileSync(join(dir, '.env'), dotenv);
  return makeConfig(
    { corpora: { docs: { name: 'docs', sources: [{ path: 'docs/*.md' }] } }, ...overrides },
    dir,
  );
}

export interface FakeCli {
  readonly binDir: string;
  readonly env: NodeJS.ProcessEnv;
  calls(): { cli: string; argv: string[]; stdin: string; env: Record<string, string>; rejected?: string; exitCode: number }[];
}

/** Puts fake `flyctl` and `railway` first on an otherwise empty PATH (plus node's own folder). */
export function fakeCli(state: { loggedIn?: boolean; apps?: string[]; failDeploy?: boolean; linked?: boolean; failUp?: boolean }, names = ['flyctl', 'railway']): FakeCli {
  const root = mkdtempSync(join(tmpdir(), 'fake-cli-'));
  const binDir = join(root, 'bin');
  mkdirSync(binDir);
  const module = pathToFileURL(join(fixtures, 'fake-cli.mjs')).href;
  for (const name of names) {
    const which = name === 'railway' ? 'railway' : 'fly';
    writeFileSync(join(binDir, name), `#!${process.execPath}\nimport(${JSON.stringify(module)}).then((m) => m.main(${JSON.stringify(which)}));\n`);
    chmodSync(join(binDir, name), 0o755);
  }
  const statePath = join(root, 'state.json');
  const logPath = join(root, 'calls.jsonl');
  writeFileSync(statePath, JSON.stringify({ loggedIn: true, apps: [], failDeploy: false, linked: true, failUp: false, ...state }));
  writeFileSync(logPath, '');
  return {
    binDir,
    env: { PATH: binDir, HOME: root, FAKE_CLI_STATE: statePath, FAKE_CLI_LOG: logPath },
    calls: () =>
      readFileSync(logPath, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as ReturnType<FakeCli['calls']>[number]),
  };
}

/** Collects what deploy prints. */
export function captureOutput(isTTY = false): DeployOutput & { text(): string; errors(): string } {
  const lines: string[] = [];
  const errors: string[] = [];
  let raw = '';
  return {
    line: (t) => lines.push(t),
    error: (t) => errors.push(t),
    write: (t) => {
      raw += t;
    },
    isTTY,
    columns: 100,
    text: () => `${lines.join('\n')}${raw ? `\n[raw]${raw}` : ''}`,
    errors: () => errors.join('\n'),
  };
}
