// `mcp-devmode init [dir]`: a new project from a template — interactive in a terminal, flags otherwise.
import type { Command } from 'commander';
import type { InitFlags } from '../init/choices.js';
import type { OutputLevel } from './output.js';

interface InitOptions extends InitFlags {
  readonly yes?: boolean;
  readonly force?: boolean;
}

const EXIT_USAGE = 2;

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create a new project (mcp.yaml, package.json, sample data, README) from a template')
    .argument('[dir]', 'folder to create the project in (default: the current folder)')
    .option('-t, --template <name>', 'quickstart | binance | oauth-local | oauth-supabase | blank (default quickstart)')
    .option('--auth <mode>', 'none | oauth (default: what the template uses)')
    .option('--name <name>', 'project name (server name and package name; default the template\'s)')
    .option('--tools <list>', 'comma-separated tools of the template to keep (default all)')
    .option('-y, --yes', 'do not ask anything: take the flags and defaults')
    .option('-f, --force', 'write into a non-empty folder and overwrite existing files')
    .addHelpText(
      'after',
      `
Examples:
  $ npx mcp-devmode init my-server                           # asks a few questions in a terminal
  $ npx mcp-devmode init my-server --template binance --yes
  $ npx mcp-devmode init api --template blank --auth oauth --name team-api --yes
  $ npx mcp-devmode init . --template quickstart --tools search,fetch --force

Without a terminal on stdin (CI, pipes) it never asks: missing answers take their defaults.
Exit codes: 0 created, 2 bad flags or the folder is not empty (use --force).`,
    )
    .action(async (dir: string | undefined, options: InitOptions, command: Command) => {
      process.exitCode = await runInitCommand(dir, options, command.optsWithGlobals<OutputLevel>());
    });
}

async function runInitCommand(dir: string | undefined, options: InitOptions, globals: OutputLevel): Promise<number> {
  const [{ runInit }, { isInitProblem }, { createOutput }, { readPackageVersion }] = await Promise.all([
    import('../init/run-init.js'),
    import('../init/problems.js'),
    import('./output.js'),
    import('../package-info.js'),
  ]);
  const out = createOutput(globals);
  const interactive = !options.yes && process.stdin.isTTY === true && process.stdout.isTTY === true;
  const flags: InitFlags = { template: options.template, auth: options.auth, name: options.name, tools: options.tools };
  const result = await runInit({ dir, flags, force: Boolean(options.force), interactive, version: readPackageVersion() });
  if (isInitProblem(result)) {
    if (result.code === 'INIT_CANCELLED') return 1;
    out.error(`${out.color.red('error:')} ${result.message}${result.hint ? `\n  ${out.color.cyan('fix:')} ${result.hint}` : ''}`);
    return EXIT_USAGE;
  }
  const c = out.color;
  const where = result.choices.dir === '.' ? 'this folder' : result.choices.dir;
  out.info(`${c.green('✓')} Created ${c.bold(where)} from the ${c.bold(result.template)} template${result.choices.auth === 'oauth' ? ' (OAuth sign-in)' : ''}:`);
  for (const path of result.written.created) out.info(`  ${c.green('+')} ${path}`);
  for (const path of result.written.overwritten) out.info(`  ${c.yellow('~')} ${path} (overwritten)`);
  out.info(`\nNext:`);
  for (const step of result.nextSteps) out.info(`  ${c.cyan('$')} ${step}`);
  out.info(`\nThen connect ChatGPT as README.md explains (Settings → Apps → Advanced settings → Developer mode → Create app).`);
  return 0;
}
