// Every command and subcommand's --help shows at least one example, as the CLI promises.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../../bin/mcp-devmode.js', import.meta.url));

const COMMANDS = [
  [], ['serve'], ['validate'], ['call'], ['dev'], ['init'], ['doctor'], ['users'],
  ['users', 'add'], ['users', 'list'], ['users', 'remove'], ['users', 'passwd'],
  ['deploy'], ['deploy', 'fly'], ['deploy', 'render'], ['deploy', 'railway'], ['deploy', 'docker'],
];

describe('--help', () => {
  it.each(COMMANDS.map((c) => [c.join(' ') || '(top level)', c] as const))('of %s has an example and exits 0', async (_label, args) => {
    const { stdout } = await run(process.execPath, [bin, ...args, '--help'], { env: { ...process.env, NO_COLOR: '1' } });
    expect(stdout).toMatch(/Examples?:\n\s+\$ (npx )?mcp-devmode /);
  });
});
