// `mcp-devmode validate` as users run it: the real CLI in a child process, exit codes and output.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/package-info.js';

const run = promisify(execFile);

async function validate(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FIXTURE_PORT;
  delete env.CALC_DESCRIPTION;
  try {
    const { stdout, stderr } = await run(process.execPath, [join(packageRoot, 'bin/mcp-devmode.js'), 'validate', ...args], { cwd: packageRoot, env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('mcp-devmode validate', () => {
  it('prints a summary and exits 0 for a valid file', async () => {
    const result = await validate('test/fixtures/config/valid/mcp.yaml');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✓ test/fixtures/config/valid/mcp.yaml is valid: fixture-valid 2.1.0');
    expect(result.stdout).toContain('2 tools: calc, weather');
    expect(result.stdout).toContain('1 corpus: notes (1 source)');
    expect(result.stdout).toContain('endpoint http://127.0.0.1:8123/mcp');
    expect(result.stdout).toContain('environment: FIXTURE_PORT');
  });

  it('prints every located error with snippet and hint, exits 2, no stack trace', async () => {
    const result = await validate('test/fixtures/config/invalid/mcp.yaml');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('test/fixtures/config/invalid/mcp.yaml:4:3: error: unknown key in server: "prot"');
    expect(result.stderr).toContain(' 4 |   prot: 8080\n   |   ^\n  hint: did you mean "port"?');
    expect(result.stderr).toContain('test/fixtures/config/invalid/mcp.yaml:8:18: error: environment variable CALC_DESCRIPTION is not set');
    expect(result.stderr).toContain('2 errors in test/fixtures/config/invalid/mcp.yaml');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 with a hint when the file does not exist', async () => {
    const result = await validate('no/such/mcp.yaml');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cannot read no/such/mcp.yaml: file not found');
    expect(result.stderr).toContain('mcp-devmode init');
  });

  it('reports issues as JSON with --json', async () => {
    const result = await validate('--json', 'test/fixtures/config/invalid/mcp.yaml');
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout) as { ok: boolean; issues: { code: string; line: number; column: number }[] };
    expect(report.ok).toBe(false);
    expect(report.issues.map((i) => [i.code, i.line, i.column])).toEqual([
      ['unknown-key', 4, 3],
      ['env-missing', 8, 18],
    ]);
  });

  it('shows an example in --help', async () => {
    const result = await validate('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('$ mcp-devmode validate examples/quickstart/mcp.yaml');
  });
});
