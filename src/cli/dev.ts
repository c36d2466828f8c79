// `mcp-devmode dev [file]`: serve + watch mcp.yaml, .env and the corpus files; swap valid configs
// into the running server, keep the last good one when an edit breaks the file.
import type { Command } from 'commander';
import type { OutputLevel } from './output.js';

interface DevCliOptions {
  readonly port?: string;
  readonly host?: string;
}

const EXIT_USAGE = 2;

export function registerDev(program: Command): void {
  program
    .command('dev')
    .description('serve an mcp.yaml and reload it on every save (config, .env, corpus files)')
    .argument('[file]', 'config file', 'mcp.yaml')
    .option('-p, --port <port>', 'port to listen on (0 = any free port; default server.port)')
    .option('-H, --host <host>', 'interface to bind (default server.host)')
    .addHelpText(
      'after',
      `
Examples:
  $ mcp-devmode dev                          # ./mcp.yaml; edit it, save, the server picks it up
  $ mcp-devmode dev examples/quickstart/mcp.yaml --port 9000
  $ mcp-devmode dev --verbose                # also print which files changed and request logs

The port stays open across reloads. When the tool list changes, press Refresh on the app in
ChatGPT (Settings → Apps) so it sees the new list. An edit that breaks the file is reported as
file:line:column and the last good config keeps serving. Ctrl-C stops.`,
    )
    .action(async (file: string, options: DevCliOptions, command: Command) => {
      process.exitCode = await runDevCommand(file, options, command.optsWithGlobals<OutputLevel>());
    });
}

async function runDevCommand(file: string, options: DevCliOptions, globals: OutputLevel): Promise<number> {
  const { parsePort } = await import('./serve.js');
  const port = parsePort(options.port);
  if (port instanceof Error) {
    process.stderr.write(`error: ${port.message}\n`);
    return EXIT_USAGE;
  }
  const [{ startDev }, { createOutput }, { createLogger }, { createAuthOrReport }] = await Promise.all([
    import('../dev/session.js'),
    import('./output.js'),
    import('../runtime/logger.js'),
    import('./auth-setup.js'),
  ]);
  const out = createOutput(globals);
  // Request logs would drown the reload messages: warnings only unless --verbose (or LOG_LEVEL).
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? (globals.verbose ? 'debug' : globals.quiet ? 'error' : 'warn') });
  const session = await startDev({
    file,
    out,
    logger,
    ...(port !== undefined ? { port } : {}),
    ...(options.host !== undefined ? { host: options.host } : {}),
    createAuth: async (config) => {
      const auth = await createAuthOrReport(config, logger, port);
      if (typeof auth === 'number') throw new Error('the OAuth layer could not start (see above)');
      return auth;
    },
  });
  if (session.initial.kind === 'failed') {
    await session.close();
    return 1;
  }
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  out.info('stopping…');
  await session.close();
  logger.flush();
  return 0;
}
