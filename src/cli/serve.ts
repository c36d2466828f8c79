// `mcp-devmode serve [file]`: Streamable HTTP (both protocol eras) or `--stdio`, from one mcp.yaml.
import type { Command } from 'commander';
import type { McpConfig } from '../config/types.js';

interface ServeOptions {
  readonly port?: string;
  readonly host?: string;
  readonly stdio?: boolean;
}

interface GlobalOptions {
  readonly quiet?: boolean;
  readonly verbose?: boolean;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the tools in an mcp.yaml over Streamable HTTP (or stdio)')
    .argument('[file]', 'config file', 'mcp.yaml')
    .option('-p, --port <port>', 'port to listen on (0 = any free port; default server.port)')
    .option('-H, --host <host>', 'interface to bind (default server.host)')
    .option('--stdio', 'speak MCP over stdin/stdout instead of HTTP (logs go to stderr)')
    .addHelpText(
      'after',
      `
Examples:
  $ mcp-devmode serve                                   # ./mcp.yaml on server.port
  $ mcp-devmode serve examples/quickstart/mcp.yaml --port 9000
  $ PORT=8080 HOST=0.0.0.0 mcp-devmode serve            # when the config uses \${PORT}/\${HOST}
  $ mcp-devmode serve --stdio mcp.yaml                  # for clients that launch a subprocess

The endpoint answers POST on server.path (default /mcp) and on /. GET /healthz reports status.
Logs are JSON lines on stderr (pretty on a terminal); LOG_LEVEL=debug for more.`,
    )
    .action(async (file: string, options: ServeOptions, command: Command) => {
      process.exitCode = await runServe(file, options, command.optsWithGlobals<GlobalOptions>());
    });
}

export function parsePort(value: string | undefined): number | undefined | Error {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return new Error(`--port must be an integer from 0 to 65535, got "${value}"`);
  return port;
}

async function runServe(file: string, options: ServeOptions, globals: GlobalOptions): Promise<number> {
  const port = parsePort(options.port);
  if (port instanceof Error) {
    process.stderr.write(`error: ${port.message}\n`);
    return 2;
  }
  const { loadConfigOrReport, buildRuntimeOrReport } = await import('./runtime-setup.js');
  const config = await loadConfigOrReport(file, Boolean(globals.verbose));
  if (typeof config === 'number') return config;
  const { createLogger } = await import('../runtime/logger.js');
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? (globals.verbose ? 'debug' : globals.quiet ? 'warn' : 'info') });

  const { createAuthOrReport } = await import('./auth-setup.js');
  const auth = options.stdio ? undefined : await createAuthOrReport(config, logger, port);
  if (typeof auth === 'number') return auth;
  const runtime = await buildRuntimeOrReport(config, logger, undefined, auth?.toolChallenge);
  if (typeof runtime === 'number') {
    await auth?.close();
    return runtime;
  }

  if (options.stdio) {
    const { serveStdio } = await import('../runtime/stdio.js');
    const session = serveStdio({ runtime, logger });
    const stop = (): void => void session.close();
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    if (!globals.quiet) process.stderr.write(`mcp-devmode: serving ${config.name} over stdio (${config.tools.length} tools); logs on stderr\n`);
    await session.done;
    await session.close();
    logger.flush();
    exitSoon();
    return 0;
  }

  const { startServer } = await import('../runtime/server.js');
  let server;
  try {
    server = await startServer({ runtime, logger, port, host: options.host, auth });
  } catch (err) {
    await runtime.close();
    await auth?.close();
    const e = err as NodeJS.ErrnoException;
    const where = `${options.host ?? config.server.host}:${port ?? config.server.port}`;
    const hint = e.code === 'EADDRINUSE' ? ' (the port is in use: pick another with --port, or 0 for any free port)' : '';
    process.stderr.write(`error: cannot listen on ${where}: ${e.message}${hint}\n`);
    return 1;
  }
  if (!globals.quiet) process.stdout.write(banner(config, server.url, server.host));

  await new Promise<void>((resolve) => {
    const stop = (signal: string): void => {
      logger.info({ signal }, 'shutting down: finishing in-flight requests');
      void server.close().then(resolve, resolve);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  logger.flush();
  exitSoon();
  return 0;
}

/**
 * Safety net after a graceful stop: a tool that leaves a handle open (a worker thread, an agent)
 * must not keep the process alive. Unref'd, so a clean exit happens sooner on its own.
 */
function exitSoon(): void {
  setTimeout(() => process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0), 1_000).unref();
}

function banner(config: McpConfig, localUrl: string, boundHost: string): string {
  const publicEndpoint = config.server.publicUrl ? `${config.server.publicUrl.replace(/\/$/, '')}${config.server.path}` : undefined;
  const tools = config.tools.map((t) => t.name).join(', ');
  const lines = [
    `mcp-devmode: ${config.title ?? config.name} ${config.version}`,
    `  MCP endpoint: ${localUrl}`,
  ];
  if (publicEndpoint) {
    lines.push(`  Public URL:   ${publicEndpoint}`);
    lines.push(`  In ChatGPT: Settings → Apps → Advanced settings → Developer mode → Create, and paste ${publicEndpoint}`);
  } else {
    lines.push(`  ChatGPT needs a public https URL: deploy (mcp-devmode deploy) or tunnel to port ${new URL(localUrl).port},`);
    lines.push(`  then in Settings → Apps → Advanced settings → Developer mode → Create, paste https://<your-host>${config.server.path}`);
  }
  if (boundHost === '127.0.0.1' || boundHost === 'localhost') lines.push('  Bound to localhost only (set server.host or --host 0.0.0.0 to accept other machines).');
  lines.push(`  Tools (${config.tools.length}): ${tools || 'none'}`);
  lines.push(`  Auth: ${config.auth.mode}. Health: ${localUrl.replace(/\/[^/]*$/, '')}/healthz. Logs: stderr (one line per request).`);
  return `${lines.join('\n')}\n`;
}
