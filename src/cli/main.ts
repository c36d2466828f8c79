// CLI entry: declares every command (thin files in this folder) and maps failures to exit codes.
import { Command, CommanderError } from 'commander';
import { readPackageVersion } from '../package-info.js';
import { registerServe } from './serve.js';
import { registerValidate } from './validate.js';
import { registerCall } from './call.js';
import { registerDeploy } from './deploy.js';
import { registerDoctor } from './doctor.js';
import { registerInit } from './init.js';
import { registerDev } from './dev.js';
import { registerUsers } from './users.js';

/** Exit codes: 0 ok, 1 failure (e.g. doctor found problems), 2 usage or config error. */
export const EXIT_USAGE = 2;

export async function main(argv: readonly string[]): Promise<number> {
  ignoreClosedPipes();
  const program = new Command('mcp-devmode')
    .description('Turn one mcp.yaml into a production MCP server for ChatGPT Developer Mode and any MCP client.')
    .version(readPackageVersion(), '-V, --version')
    .option('-q, --quiet', 'print only errors')
    .option('-v, --verbose', 'print debug details')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      `
Examples:
  $ npx mcp-devmode init my-server        # a new project from a template
  $ mcp-devmode dev                       # serve ./mcp.yaml and reload on every save
  $ mcp-devmode doctor https://my-app.fly.dev/mcp

Each command has its own examples: mcp-devmode <command> --help`,
    )
    .exitOverride();

  for (const register of [registerServe, registerValidate, registerCall, registerDeploy, registerDoctor, registerUsers, registerInit, registerDev]) register(program);

  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit through here with code 0.
      return err.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    throw err;
  }
}

/** `mcp-devmode … | head` closes stdout early; that is the reader's choice, not a crash. */
function ignoreClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
}
