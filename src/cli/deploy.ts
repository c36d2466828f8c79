// `mcp-devmode deploy fly|render|railway|docker`: writes the platform files next to mcp.yaml and
// deploys (fly; railway with --up) or prints the exact next steps.
import type { Command } from 'commander';

interface DeployCliOptions {
  readonly config: string;
  readonly app?: string;
  readonly region?: string;
  readonly org?: string;
  readonly dryRun?: boolean;
  readonly yes?: boolean;
  readonly force?: boolean;
  readonly up?: boolean;
  /** false with --no-doctor. */
  readonly doctor?: boolean;
}

const TARGETS: Record<string, string> = {
  fly: 'write Dockerfile + fly.toml and deploy with flyctl (app, volume, secrets, deploy)',
  render: 'write Dockerfile + render.yaml (a Blueprint) and print the Dashboard steps',
  railway: 'write Dockerfile + railway.json; --up also sets variables and runs `railway up`',
  docker: 'write Dockerfile + .dockerignore only',
};

const TARGET_EXAMPLES: Record<keyof typeof TARGETS, string> = {
  fly: '  $ mcp-devmode deploy fly --app my-mcp --region iad --yes\n  $ mcp-devmode deploy fly --dry-run     # print fly.toml, Dockerfile and the flyctl commands',
  render: '  $ mcp-devmode deploy render           # then create a Blueprint from render.yaml in the Dashboard',
  railway: '  $ mcp-devmode deploy railway --up --yes\n  $ mcp-devmode deploy railway --dry-run',
  docker: '  $ mcp-devmode deploy docker && docker build -t my-mcp . && docker run -p 8080:8080 my-mcp',
};

export function registerDeploy(program: Command): void {
  const deploy = program
    .command('deploy')
    .description('generate deployment files for Fly.io, Render, Railway or Docker, and deploy')
    .addHelpText(
      'after',
      `
Examples:
  $ mcp-devmode deploy fly --app my-mcp --region iad
  $ mcp-devmode deploy fly --dry-run            # print the files and flyctl commands, change nothing
  $ mcp-devmode deploy render
  $ mcp-devmode deploy railway --up
  $ mcp-devmode deploy docker

Secrets: every \${VAR} the config references is listed; values come from the environment or .env
and are never written into the generated files.`,
    );
  for (const [target, description] of Object.entries(TARGETS)) {
    const sub = deploy
      .command(target)
      .description(description)
      .option('-c, --config <file>', 'config file', 'mcp.yaml')
      .option('--dry-run', 'print the files and the commands it would run; change nothing')
      .option('--force', 'overwrite generated files that differ from what is on disk')
      .addHelpText('after', `\nExamples:\n${TARGET_EXAMPLES[target as keyof typeof TARGETS]}`);
    if (target === 'fly') {
      sub
        .option('--app <name>', 'Fly app name (default: from fly.toml, else the config name)')
        .option('--region <code>', 'primary region (default: from fly.toml, else iad)')
        .option('--org <slug>', 'Fly organization for a new app (default: $FLY_ORG, else personal)')
        .option('-y, --yes', 'do not ask before creating or deploying')
        .option('--no-doctor', 'do not check the deployed server afterwards (print the doctor command instead)');
    }
    if (target === 'railway') {
      sub.option('--up', 'also set the variables and run `railway up`').option('-y, --yes', 'do not ask before deploying');
    }
    sub.action(async (options: DeployCliOptions, command: Command) => {
      process.exitCode = await runDeployCommand(target, options, command.optsWithGlobals<{ verbose?: boolean; quiet?: boolean }>());
    });
  }
}

async function runDeployCommand(target: string, options: DeployCliOptions, globals: { verbose?: boolean; quiet?: boolean }): Promise<number> {
  const { loadConfigOrReport } = await import('./runtime-setup.js');
  const config = await loadConfigOrReport(options.config, Boolean(globals.verbose));
  if (typeof config === 'number') return config;
  const [{ runDeploy }, { processOutput }, { readPackageVersion }] = await Promise.all([
    import('../deploy/run-deploy.js'),
    import('../deploy/output.js'),
    import('../package-info.js'),
  ]);
  const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
  try {
    return await runDeploy(
      config,
      {
        target: target as 'fly' | 'render' | 'railway' | 'docker',
        configArg: options.config,
        ...(options.app !== undefined ? { app: options.app } : {}),
        ...(options.region !== undefined ? { region: options.region } : {}),
        ...(options.org !== undefined ? { org: options.org } : {}),
        dryRun: options.dryRun === true,
        yes: options.yes === true,
        force: options.force === true,
        up: options.up === true,
        env: process.env,
        toolVersion: readPackageVersion(),
        ...(interactive ? { confirm: askYesNo } : {}),
        ...(options.doctor !== false ? { doctor: checkDeployed } : {}),
      },
      processOutput({ quiet: globals.quiet === true }),
    );
  } catch (err) {
    // Our bug, not the user's input: one line, the stack only with --verbose.
    process.stderr.write(`error: ${(err as Error).message}\n${globals.verbose ? `${(err as Error).stack ?? ''}\n` : ''}`);
    return 1;
  }
}

/** Runs the doctor against the deployed endpoint and prints its checklist; false when a check failed. */
async function checkDeployed(mcpUrl: string): Promise<boolean> {
  const { runDoctor, renderText } = await import('../doctor/index.js');
  const report = await runDoctor(mcpUrl, { timeoutMs: 20_000 });
  process.stdout.write(renderText(report));
  return report.ok;
}

async function askYesNo(question: string): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = (await rl.question(`${question} [Y/n] `)).trim().toLowerCase();
    return answer === '' || answer === 'y' || answer === 'yes';
  } finally {
    rl.close();
  }
}
