// Drives the Railway CLI for `deploy railway --up`: variables (secrets via stdin), then `railway up`.
import { formatCommand } from './command-line.js';
import { findExecutable } from './find-executable.js';
import type { DeployOutput } from './output.js';
import { runCaptured, runStreamed, type RunOptions } from './process-runner.js';
import type { SecretValue } from './secrets.js';
import type { DeployProblem } from './types.js';

export const RAILWAY_INSTALL_HINT = [
  'Install the Railway CLI, then run this command again:',
  '  npm i -g @railway/cli',
  '  brew install railway                          # Homebrew',
].join('\n');

export interface RailwayDeployInput {
  readonly dir: string;
  readonly port: number;
  /** The config references ${BASE_URL}. */
  readonly baseUrl: boolean;
  readonly secrets: readonly SecretValue[];
  readonly env: NodeJS.ProcessEnv;
  readonly rerunCommand: string;
}

export type RailwayDeployResult = { readonly ok: true } | { readonly ok: false; readonly problem: DeployProblem };

/**
 * Non-secret settings: the port the image listens on and, when the config reads ${BASE_URL}, the
 * public URL as a Railway reference variable. Otherwise the server derives it from
 * RAILWAY_PUBLIC_DOMAIN itself, which also works before a domain exists.
 */
export const railwayPlainVariablesArgs = (port: number, baseUrl: boolean): string[] => [
  'variables',
  '--set',
  `PORT=${port}`,
  ...(baseUrl ? ['--set', 'BASE_URL=https://${{RAILWAY_PUBLIC_DOMAIN}}'] : []),
  '--skip-deploys',
];
export const railwaySecretArgs = (name: string): string[] => ['variables', '--set-from-stdin', name, '--skip-deploys'];
export const railwayUpArgs = (): string[] => ['up', '--ci'];

export function describeRailwayCommands(port: number, baseUrl: boolean, secrets: readonly SecretValue[]): string[] {
  return [
    formatCommand('railway', railwayPlainVariablesArgs(port, baseUrl)),
    ...secrets
      .filter((s) => s.value !== undefined)
      .map((s) => `${formatCommand('railway', railwaySecretArgs(s.name))}   # value on stdin, from ${s.source}`),
    formatCommand('railway', railwayUpArgs()),
  ];
}

export async function deployToRailway(input: RailwayDeployInput, out: DeployOutput): Promise<RailwayDeployResult> {
  const railway = await findExecutable(['railway'], input.env.PATH);
  if (railway === undefined) return fail('RAILWAY_NOT_INSTALLED', 'the Railway CLI is not on PATH', RAILWAY_INSTALL_HINT);
  const env: NodeJS.ProcessEnv = { ...input.env };
  for (const secret of input.secrets) delete env[secret.name];
  const run: RunOptions = { cwd: input.dir, env };

  const plainArgs = railwayPlainVariablesArgs(input.port, input.baseUrl);
  const plain = await runCaptured(railway, plainArgs, run);
  if (plain.exitCode !== 0) return explain(plain.tail, plainArgs, input.rerunCommand);
  out.line(`✓ Set PORT${input.baseUrl ? ' and BASE_URL' : ''}`);

  for (const secret of input.secrets) {
    if (secret.value === undefined) continue;
    const args = railwaySecretArgs(secret.name);
    const set = await runCaptured(railway, args, { ...run, input: secret.value });
    if (set.exitCode !== 0) return explain(set.tail, args, input.rerunCommand);
    out.line(`✓ Set variable ${secret.name} (from ${secret.source})`);
  }

  const up = await runStreamed(railway, railwayUpArgs(), 'Building and deploying on Railway', run, out);
  if (up.exitCode !== 0) return explain(up.tail, railwayUpArgs(), input.rerunCommand);
  return { ok: true };
}

/** Turns the CLI's usual failures (not logged in, not linked) into a precise next step. */
function explain(tail: readonly string[], args: readonly string[], rerun: string): RailwayDeployResult {
  const text = tail.join('\n');
  const retry = `then run:\n  ${rerun}`;
  if (/unauthori[sz]ed|login/i.test(text)) {
    return fail('RAILWAY_NOT_LOGGED_IN', 'You are not logged in to Railway', `Run \`railway login\` (or set RAILWAY_TOKEN), ${retry}`);
  }
  if (/no linked project|not linked|railway link/i.test(text)) {
    return fail(
      'RAILWAY_NOT_LINKED',
      'This folder is not linked to a Railway project',
      `Run \`railway init --name <project>\` (new project) or \`railway link\` (existing one), ${retry}`,
    );
  }
  return fail(
    'RAILWAY_COMMAND_FAILED',
    `\`${formatCommand('railway', args)}\` failed. Last lines:\n${tail.map((l) => `  ${l}`).join('\n')}`,
    `Retry that step with:\n  ${formatCommand('railway', args)}\nor re-run everything:\n  ${rerun}`,
  );
}

const fail = (code: string, message: string, fix: string): RailwayDeployResult => ({ ok: false, problem: { code, message, fix } });
