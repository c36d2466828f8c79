// `mcp-devmode doctor [url]`: probe an MCP server the way ChatGPT does and say exactly what to fix.
import type { Command } from 'commander';

interface DoctorCliOptions {
  readonly json?: boolean;
  readonly timeout?: string;
  readonly login?: string;
  readonly verbose?: boolean;
  readonly query?: string;
  readonly config?: string;
}

const EXIT_USAGE = 2;

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('probe an MCP server like ChatGPT does (reachability, transport, protocol, tools, search/fetch, OAuth) and print what to fix')
    .argument('[url]', 'MCP endpoint URL; without it, starts ./mcp.yaml on a free port and probes that')
    .option('--json', 'print machine-readable results (schema/doctor-report.schema.json)')
    .option('--timeout <duration>', 'per-request timeout, e.g. 10s, 500ms, 1m', '10s')
    .option('--login <user:pass>', 'complete the OAuth flow headlessly with these credentials and check the tokens')
    .option('--query <q>', 'query for the search tool (default: a word from the tool descriptions)')
    .option('-c, --config <file>', 'config to start when no URL is given', 'mcp.yaml')
    .option('--verbose', 'show each check\'s details')
    .addHelpText(
      'after',
      `
Examples:
  $ mcp-devmode doctor                                   # starts ./mcp.yaml locally and probes it
  $ mcp-devmode doctor https://my-app.fly.dev/mcp
  $ mcp-devmode doctor https://my-app.fly.dev/mcp --login alice@example.com:secret --json

Exit codes: 0 nothing failed, 1 a check failed, 2 usage error. Check ids: docs/doctor-checks.md.`,
    )
    .action(async (url: string | undefined, options: DoctorCliOptions, command: Command) => {
      const globals = command.optsWithGlobals<{ verbose?: boolean; quiet?: boolean }>();
      process.exitCode = await runDoctorCommand(url, { ...options, verbose: options.verbose || globals.verbose });
    });
}

/** "10s", "500ms", "2m" or a bare number of seconds → milliseconds. */
export function parseDuration(value: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m)?$/.exec(value.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const ms = m[2] === 'ms' ? n : m[2] === 'm' ? n * 60_000 : n * 1000;
  return ms > 0 && ms <= 600_000 ? ms : undefined;
}

/** "user:pass" → credentials; the password may contain colons. */
export function parseLogin(value: string): { username: string; password: string } | undefined {
  const i = value.indexOf(':');
  if (i <= 0 || i === value.length - 1) return undefined;
  return { username: value.slice(0, i), password: value.slice(i + 1) };
}

function usage(message: string): number {
  process.stderr.write(`error: ${message}\n(run mcp-devmode doctor --help for usage)\n`);
  return EXIT_USAGE;
}

async function runDoctorCommand(url: string | undefined, options: DoctorCliOptions): Promise<number> {
  const timeoutMs = parseDuration(options.timeout ?? '10s');
  if (timeoutMs === undefined) return usage(`--timeout must look like 10s, 500ms or 1m (got "${options.timeout}")`);
  const login = options.login === undefined ? undefined : parseLogin(options.login);
  if (options.login !== undefined && !login) return usage('--login must be user:password');
  const { runDoctor, renderJson, renderText, DoctorUsageError } = await import('../doctor/index.js');
  const doctorOptions = { timeoutMs, login, query: options.query };

  let target = url;
  let stop: (() => Promise<void>) | undefined;
  if (!target) {
    const { loadConfigOrReport } = await import('./runtime-setup.js');
    const config = await loadConfigOrReport(options.config ?? 'mcp.yaml', Boolean(options.verbose));
    if (typeof config === 'number') return config;
    const { startLocalServer } = await import('../doctor/local-server.js');
    try {
      const local = await startLocalServer(config);
      target = local.url;
      stop = local.stop;
    } catch (err) {
      process.stderr.write(`error: could not start ${options.config ?? 'mcp.yaml'} locally: ${(err as Error).message}\n`);
      return 1;
    }
    if (!options.json) process.stderr.write(`started ${config.name} from ${config.sourcePath} at ${target}\n`);
  }

  try {
    const report = await runDoctor(target, doctorOptions);
    process.stdout.write(options.json ? renderJson(report) : renderText(report, { verbose: options.verbose }));
    return report.ok ? 0 : 1;
  } catch (err) {
    if (err instanceof DoctorUsageError) return usage(`${err.message} (${err.hint})`);
    process.stderr.write(`error: doctor failed: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await stop?.();
  }
}
