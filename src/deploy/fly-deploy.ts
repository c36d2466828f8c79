// Drives flyctl: login check, app (and volume) creation when missing, staged secrets via stdin, deploy.
import { basename } from 'node:path';
import { formatCommand } from './command-line.js';
import { findExecutable } from './find-executable.js';
import { FLY_STATE_VOLUME, flyPublicUrl } from './fly-toml.js';
import type { DeployOutput } from './output.js';
import { runCaptured, runStreamed, type RunOptions } from './process-runner.js';
import type { SecretValue } from './secrets.js';
import type { DeployProblem, StateFacts } from './types.js';

export const FLY_INSTALL_HINT = [
  'Install flyctl, then run this command again:',
  '  curl -L https://fly.io/install.sh | sh        # Linux / macOS',
  '  brew install flyctl                           # Homebrew',
  '  pwsh -Command "iwr https://fly.io/install.ps1 -useb | iex"   # Windows',
].join('\n');

export interface FlyDeployInput {
  readonly dir: string;
  readonly app: string;
  readonly region: string;
  readonly org: string;
  readonly state: StateFacts;
  readonly secrets: readonly SecretValue[];
  /** Environment for flyctl; secret names are removed before it is used. */
  readonly env: NodeJS.ProcessEnv;
  /** The mcp-devmode command that repeats this whole run (printed on failure). */
  readonly rerunCommand: string;
}

export type FlyDeployResult = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly problem: DeployProblem };

export const flyWhoamiArgs = (): string[] => ['auth', 'whoami', '--json'];
export const flyStatusArgs = (app: string): string[] => ['status', '--app', app, '--json'];
export const flyCreateAppArgs = (app: string, org: string): string[] => ['apps', 'create', app, '--org', org];
export const flyCreateVolumeArgs = (app: string, region: string): string[] =>
  ['volumes', 'create', FLY_STATE_VOLUME, '--app', app, '--region', region, '--size', '1', '--yes'];
/** `NAME=-` makes flyctl read the value from stdin, so it never shows up in `ps`. */
export const flySecretArgs = (app: string, name: string): string[] => ['secrets', 'set', '--stage', '--app', app, `${name}=-`];
/** SQLite lives on one volume: one machine (`--ha=false`); flyctl's default would start two. */
export const flyDeployArgs = (app: string, state: StateFacts): string[] => [
  'deploy',
  '--app',
  app,
  '--config',
  'fly.toml',
  '--remote-only',
  '--yes',
  ...(state.kind === 'sqlite' ? ['--ha=false'] : []),
];

/** The commands a run makes, for --dry-run (creation steps depend on what exists at run time). */
export function describeFlyCommands(input: Omit<FlyDeployInput, 'env' | 'rerunCommand' | 'dir'>): string[] {
  const fly = 'fly';
  const lines = [
    formatCommand(fly, flyWhoamiArgs()),
    `${formatCommand(fly, flyStatusArgs(input.app))}   # does the app exist?`,
    `${formatCommand(fly, flyCreateAppArgs(input.app, input.org))}   # only when it does not`,
  ];
  if (input.state.kind === 'sqlite') {
    lines.push(`${formatCommand(fly, flyCreateVolumeArgs(input.app, input.region))}   # only for a new app`);
  }
  for (const secret of input.secrets) {
    if (secret.value !== undefined) lines.push(`${formatCommand(fly, flySecretArgs(input.app, secret.name))}   # value on stdin, from ${secret.source}`);
  }
  lines.push(formatCommand(fly, flyDeployArgs(input.app, input.state)));
  return lines;
}

export async function deployToFly(input: FlyDeployInput, out: DeployOutput): Promise<FlyDeployResult> {
  const flyctl = await findExecutable(['flyctl', 'fly'], input.env.PATH);
  if (flyctl === undefined) {
    return fail('FLY_NOT_INSTALLED', 'flyctl (the Fly.io CLI) is not on PATH', FLY_INSTALL_HINT);
  }
  const name = basename(flyctl).replace(/\.(exe|cmd)$/, '');
  const run: RunOptions = { cwd: input.dir, env: childEnv(input) };
  const retry = (args: readonly string[]): string =>
    `Retry that step with:\n  ${formatCommand(name, args)}\nor re-run everything (safe to repeat):\n  ${input.rerunCommand}`;

  const whoami = await runCaptured(flyctl, flyWhoamiArgs(), run);
  if (whoami.exitCode !== 0) {
    return fail(
      'FLY_NOT_LOGGED_IN',
      `You are not logged in to Fly.io (\`${name} auth whoami\` failed: ${lastLine(whoami.tail)})`,
      `Run \`${name} auth login\` (or set FLY_API_TOKEN), then run:\n  ${input.rerunCommand}`,
    );
  }
  out.line(`Logged in to Fly.io as ${emailOf(whoami.stdout)}`);

  const status = await runCaptured(flyctl, flyStatusArgs(input.app), run);
  let created = false;
  if (status.exitCode !== 0) {
    if (!/could not find|not found|no such app/i.test(status.tail.join('\n'))) {
      return fail('FLY_STATUS_FAILED', `Could not check app "${input.app}":\n${indent(status.tail)}`, retry(flyStatusArgs(input.app)));
    }
    const createArgs = flyCreateAppArgs(input.app, input.org);
    const create = await runStreamed(flyctl, createArgs, `Creating app ${input.app} in org ${input.org}`, run, out);
    if (create.exitCode !== 0) {
      return fail(
        'FLY_APP_CREATE_FAILED',
        `Creating the app failed:\n${indent(create.tail)}`,
        `${retry(createArgs)}\nIf the name is taken, pick another with --app NAME.`,
      );
    }
    created = true;
  } else {
    out.line(`App ${input.app} exists; deploying a new release`);
  }

  if (created && input.state.kind === 'sqlite') {
    const volumeArgs = flyCreateVolumeArgs(input.app, input.region);
    const volume = await runStreamed(flyctl, volumeArgs, `Creating volume ${FLY_STATE_VOLUME} (1 GB) in ${input.region}`, run, out);
    if (volume.exitCode !== 0) return fail('FLY_VOLUME_CREATE_FAILED', `Creating the volume failed:\n${indent(volume.tail)}`, retry(volumeArgs));
  }

  for (const secret of input.secrets) {
    if (secret.value === undefined) continue;
    const args = flySecretArgs(input.app, secret.name);
    const set = await runCaptured(flyctl, args, { ...run, input: secret.value });
    if (set.exitCode !== 0) {
      return fail(
        'FLY_SECRET_FAILED',
        `Setting secret ${secret.name} failed:\n${indent(set.tail)}`,
        `${retry(args)}\n(\`${secret.name}=-\` reads the value from stdin: type or pipe it, then Ctrl-D.)`,
      );
    }
    out.line(`✓ Staged secret ${secret.name} (from ${secret.source})`);
  }

  const deployArgs = flyDeployArgs(input.app, input.state);
  const deploy = await runStreamed(flyctl, deployArgs, `Deploying ${input.app} to Fly.io`, run, out);
  if (deploy.exitCode !== 0) {
    return fail('FLY_DEPLOY_FAILED', `\`${name} deploy\` failed. Last lines:\n${indent(deploy.tail)}`, retry(deployArgs));
  }
  return { ok: true, url: flyPublicUrl(input.app) };
}

/** flyctl gets our environment minus the secrets (they travel on stdin only). */
function childEnv(input: FlyDeployInput): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...input.env, FLY_NO_UPDATE_CHECK: '1' };
  for (const secret of input.secrets) delete env[secret.name];
  return env;
}

function emailOf(stdout: string): string {
  try {
    const parsed = JSON.parse(stdout) as { email?: unknown };
    if (typeof parsed.email === 'string') return parsed.email;
  } catch {
    // Older flyctl prints the bare email.
  }
  return stdout.trim() || 'an unknown user';
}

const fail = (code: string, message: string, fix: string): FlyDeployResult => ({ ok: false, problem: { code, message, fix } });
const indent = (lines: readonly string[]): string => lines.map((l) => `  ${l}`).join('\n');
const lastLine = (lines: readonly string[]): string => lines.filter((l) => l.trim() !== '').at(-1)?.trim() ?? 'no output';
