// The `deploy` flow for every target: facts → files (diff/refuse/write, or just print with --dry-run)
// → secrets summary → run the platform CLI (fly, railway --up) or print the next steps.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { McpConfig } from '../config/types.js';
import { formatCommand } from './command-line.js';
import { deriveFacts } from './facts.js';
import { conflicts, planFiles, writePlannedFiles, type PlannedFile } from './file-plan.js';
import { FLY_DEFAULT_REGION, flyPublicUrl } from './fly-toml.js';
import { deployToFly, describeFlyCommands } from './fly-deploy.js';
import { dockerSteps, localUsersSteps, railwayDomainSteps, railwaySteps, renderSteps } from './next-steps.js';
import type { DeployOutput } from './output.js';
import { scanProject } from './project-scan.js';
import { deployToRailway, describeRailwayCommands } from './railway-deploy.js';
import { pointsAtLocalhost, resolveSecrets, type SecretValue } from './secrets.js';
import { generateTargetFiles, type DeployTarget } from './targets.js';
import { DeployError, type DeployFacts, type DeployProblem } from './types.js';

export interface DeployRunOptions {
  readonly target: DeployTarget;
  /** The config path as the user typed it (repeated in retry commands). */
  readonly configArg: string;
  readonly app?: string;
  readonly region?: string;
  readonly org?: string;
  readonly dryRun: boolean;
  readonly yes: boolean;
  readonly force: boolean;
  /** railway: run `railway up` too. */
  readonly up: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly toolVersion: string;
  /** Asks a yes/no question in a terminal; absent when there is no terminal. */
  readonly confirm?: (question: string) => Promise<boolean>;
  /** Checks the deployed server the way ChatGPT would; returns false when a check failed. */
  readonly doctor?: (mcpUrl: string) => Promise<boolean>;
}

const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

export async function runDeploy(config: McpConfig, options: DeployRunOptions, out: DeployOutput): Promise<number> {
  try {
    return await deploy(config, options, out);
  } catch (err) {
    if (err instanceof DeployError) {
      printProblem(err.problem, out);
      return EXIT_USAGE;
    }
    throw err;
  }
}

async function deploy(config: McpConfig, options: DeployRunOptions, out: DeployOutput): Promise<number> {
  const dir = config.baseDir;
  const existingFly = options.target === 'fly' ? await readFlyToml(dir) : {};
  const facts = deriveFacts(config, await scanProject(config, options.toolVersion), {
    ...((options.app ?? existingFly.app) !== undefined ? { appName: options.app ?? existingFly.app } : {}),
  });
  const region = options.region ?? existingFly.region ?? FLY_DEFAULT_REGION;
  const org = options.org ?? options.env.FLY_ORG ?? 'personal';
  const files = generateTargetFiles(options.target, facts, { region });
  const plan = await planFiles(dir, files);
  const secrets = await resolveSecrets(facts.secrets, dir, options.env);
  const rerun = rerunCommand(options, facts.appName, region);

  if (options.dryRun) return dryRun(plan, facts, secrets, options, region, org, out);

  const refused = conflicts(plan);
  if (refused.length > 0 && !options.force) {
    for (const file of refused) out.line(file.diff ?? '');
    out.error(
      `Refusing to overwrite ${refused.map((f) => f.path).join(', ')}: ${refused.length === 1 ? 'it differs' : 'they differ'} from what deploy generates (diff above).`,
    );
    out.error('Nothing was written. Keep your version, or run again with --force to replace it (your edits are lost).');
    return EXIT_FAILURE;
  }
  const written = new Set(await writePlannedFiles(dir, plan, options.force));
  out.line(`Deployment files in ${dir}:`);
  for (const file of plan) {
    if (file.status === 'unchanged') out.line(`  ${file.path} is up to date`);
    else if (written.has(file.path)) out.line(`  ${file.status === 'create' ? 'created' : 'overwrote (--force)'} ${file.path}`);
  }
  printStateNote(facts, options.target, out);
  printSecrets(secrets, options.target, out);

  switch (options.target) {
    case 'docker':
      dockerSteps(facts, secrets).forEach((l) => out.line(l));
      localUsersSteps(facts, `docker exec -it <container> sh`).forEach((l) => out.line(l));
      return EXIT_OK;
    case 'render':
      renderSteps(facts).forEach((l) => out.line(l));
      return EXIT_OK;
    case 'railway':
      if (options.up) return railwayUp(config, facts, secrets, rerun, options, out);
      railwaySteps(facts).forEach((l) => out.line(l));
      return EXIT_OK;
    case 'fly':
      return flyDeploy(config, facts, secrets, { region, org, rerun }, options, out);
  }
}

async function flyDeploy(
  config: McpConfig,
  facts: DeployFacts,
  secrets: readonly SecretValue[],
  where: { region: string; org: string; rerun: string },
  options: DeployRunOptions,
  out: DeployOutput,
): Promise<number> {
  if (!(await confirmed(`Deploy ${facts.appName} to Fly.io (org ${where.org}, region ${where.region})?`, options, out))) return EXIT_USAGE;
  const result = await deployToFly(
    { dir: config.baseDir, app: facts.appName, region: where.region, org: where.org, state: facts.state, secrets, env: options.env, rerunCommand: where.rerun },
    out,
  );
  if (!result.ok) {
    printProblem(result.problem, out);
    return EXIT_FAILURE;
  }
  localUsersSteps(facts, formatCommand('fly', ['ssh', 'console', '--app', facts.appName])).forEach((l) => out.line(l));
  return finish(`${result.url}${facts.mcpPath}`, options, out);
}

async function railwayUp(
  config: McpConfig,
  facts: DeployFacts,
  secrets: readonly SecretValue[],
  rerun: string,
  options: DeployRunOptions,
  out: DeployOutput,
): Promise<number> {
  if (!(await confirmed(`Deploy ${facts.appName} to Railway (the linked project)?`, options, out))) return EXIT_USAGE;
  if (facts.state.kind === 'sqlite') {
    out.line(`Note: add a volume mounted at ${facts.state.mountDir} in the Railway dashboard; railway.json refuses to start without it.`);
  }
  const result = await deployToRailway({ dir: config.baseDir, port: facts.port, baseUrl: facts.envVars.includes('BASE_URL'), secrets, env: options.env, rerunCommand: rerun }, out);
  if (!result.ok) {
    printProblem(result.problem, out);
    return EXIT_FAILURE;
  }
  railwayDomainSteps(facts).forEach((l) => out.line(l));
  return EXIT_OK;
}

/** Prints the URL for ChatGPT, then checks the deployed server (doctor) or says how to. */
async function finish(mcpUrl: string, options: DeployRunOptions, out: DeployOutput): Promise<number> {
  out.line('');
  out.line(`Deployed. Paste this URL into ChatGPT (Settings → Apps → Advanced → Developer mode → Create):`);
  out.line(`  ${mcpUrl}`);
  if (options.doctor === undefined) {
    out.line(`Check it the way ChatGPT will: mcp-devmode doctor ${mcpUrl}`);
    return EXIT_OK;
  }
  out.line('');
  out.line(`Checking ${mcpUrl} the way ChatGPT will…`);
  try {
    return (await options.doctor(mcpUrl)) ? EXIT_OK : EXIT_FAILURE;
  } catch (err) {
    out.error(`Could not run the checks (${(err as Error).message}). Run them later with: mcp-devmode doctor ${mcpUrl}`);
    return EXIT_FAILURE;
  }
}

function dryRun(
  plan: readonly PlannedFile[],
  facts: DeployFacts,
  secrets: readonly SecretValue[],
  options: DeployRunOptions,
  region: string,
  org: string,
  out: DeployOutput,
): number {
  out.line('Dry run: nothing is written and no command is run.');
  for (const file of plan) {
    if (file.status === 'unchanged') {
      out.line(`\n── ${file.path} (unchanged)`);
    } else if (file.status === 'create') {
      out.line(`\n── ${file.path} (would create)`);
      out.line(file.content.trimEnd());
    } else {
      out.line(`\n── ${file.path} (differs from the file on disk; ${options.force ? 'would overwrite (--force)' : 'would refuse without --force'})`);
      out.line((file.diff ?? '').trimEnd());
    }
  }
  out.line('');
  printStateNote(facts, options.target, out);
  printSecrets(secrets, options.target, out);
  if (options.target === 'fly') {
    out.line('\nCommands it would run:');
    describeFlyCommands({ app: facts.appName, region, org, state: facts.state, secrets }).forEach((l) => out.line(`  ${l}`));
    out.line(`Then it would print ${flyPublicUrl(facts.appName)}${facts.mcpPath} and check it with doctor.`);
  } else if (options.target === 'railway' && options.up) {
    out.line('\nCommands it would run:');
    describeRailwayCommands(facts.port, facts.envVars.includes('BASE_URL'), secrets).forEach((l) => out.line(`  ${l}`));
  } else if (options.target === 'render') {
    renderSteps(facts).forEach((l) => out.line(l));
  } else if (options.target === 'railway') {
    railwaySteps(facts).forEach((l) => out.line(l));
  } else {
    dockerSteps(facts, secrets).forEach((l) => out.line(l));
  }
  return conflicts(plan).length > 0 && !options.force ? EXIT_FAILURE : EXIT_OK;
}

function printSecrets(secrets: readonly SecretValue[], target: DeployTarget, out: DeployOutput): void {
  if (secrets.length === 0) {
    out.line('Secrets: the config references none.');
    return;
  }
  const where: Record<DeployTarget, string> = {
    fly: 'staged with `fly secrets set` (value on stdin)',
    railway: 'set as Railway variables (value on stdin)',
    render: 'entered in the Render Dashboard (sync: false)',
    docker: 'passed with --env-file .env',
  };
  out.line(`Secrets (never written to the generated files; ${where[target]}):`);
  for (const secret of secrets) {
    if (secret.value === undefined) {
      out.line(`  ${secret.name}: not set here, so the config's default applies (set it in the environment or .env to send it)`);
    } else {
      out.line(`  ${secret.name}: from ${secret.source}`);
      if (pointsAtLocalhost(secret.value)) out.line(`    warning: ${secret.name} points at this machine (localhost); the platform cannot reach it`);
    }
  }
}

function printStateNote(facts: DeployFacts, target: DeployTarget, out: DeployOutput): void {
  if (facts.state.kind === 'sqlite') {
    const disk = target === 'fly' ? 'a Fly volume' : target === 'render' ? 'a Render disk' : 'a volume';
    out.line(`State: SQLite on ${disk} at ${facts.state.mountDir}: run ONE machine. Use Postgres (DATABASE_URL) to run several.`);
  } else if (facts.state.kind === 'postgres') {
    out.line('State: Postgres (DATABASE_URL): several machines are fine.');
  }
}

async function confirmed(question: string, options: DeployRunOptions, out: DeployOutput): Promise<boolean> {
  if (options.yes) return true;
  if (options.confirm === undefined) {
    out.error('deploy changes things on the platform; pass --yes to run it without a terminal (or --dry-run to preview).');
    return false;
  }
  return options.confirm(question);
}

function printProblem(problem: DeployProblem, out: DeployOutput): void {
  out.error(`✗ ${problem.message}`);
  out.error(problem.fix);
}

function rerunCommand(options: DeployRunOptions, app: string, region: string): string {
  const args = ['deploy', options.target];
  if (options.configArg !== 'mcp.yaml') args.push('--config', options.configArg);
  if (options.target === 'fly') args.push('--app', app, '--region', region);
  if (options.org !== undefined) args.push('--org', options.org);
  if (options.up) args.push('--up');
  args.push('--yes');
  return formatCommand('mcp-devmode', args);
}

/** The app name and region from an existing fly.toml, so a re-run without flags keeps them. */
async function readFlyToml(dir: string): Promise<{ app?: string; region?: string }> {
  const text = await readFile(join(dir, 'fly.toml'), 'utf8').catch(() => '');
  const app = /^app\s*=\s*["']([^"']+)["']/m.exec(text)?.[1];
  const region = /^primary_region\s*=\s*["']([^"']+)["']/m.exec(text)?.[1];
  return { ...(app !== undefined ? { app } : {}), ...(region !== undefined ? { region } : {}) };
}
