// `mcp-devmode call <tool> [json-args]`: runs one tool in-process, exactly as tools/call would.
import type { Command } from 'commander';

interface CallOptions {
  readonly config: string;
  readonly json?: boolean;
}

export function registerCall(program: Command): void {
  program
    .command('call')
    .description('run one tool from an mcp.yaml in-process and print its result')
    .argument('<tool>', 'tool name')
    .argument('[json-args]', 'arguments as a JSON object', '{}')
    .option('-c, --config <file>', 'config file', 'mcp.yaml')
    .option('--json', 'print the whole CallToolResult as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ mcp-devmode call calculate '{"expression": "(12.5 * 4) / 3"}'
  $ mcp-devmode call search '{"query": "refund policy"}' --config examples/quickstart/mcp.yaml
  $ mcp-devmode call fetch '{"id": "refunds"}' --json

Exit codes: 0 ok, 1 the tool returned an error result, 2 bad arguments or config.`,
    )
    .action(async (tool: string, jsonArgs: string, options: CallOptions, command: Command) => {
      process.exitCode = await runCall(tool, jsonArgs, options, command.optsWithGlobals<{ verbose?: boolean }>());
    });
}

function parseArgs(text: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return `arguments are not valid JSON: ${(err as Error).message}`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'arguments must be a JSON object, e.g. \'{"query": "x"}\'';
  return value as Record<string, unknown>;
}

async function runCall(tool: string, jsonArgs: string, options: CallOptions, globals: { verbose?: boolean }): Promise<number> {
  const args = parseArgs(jsonArgs);
  if (typeof args === 'string') {
    process.stderr.write(`error: ${args}\n`);
    return 2;
  }
  const { loadConfigOrReport, buildRuntimeOrReport } = await import('./runtime-setup.js');
  const config = await loadConfigOrReport(options.config, Boolean(globals.verbose));
  if (typeof config === 'number') return config;
  const entry = config.tools.find((t) => t.name === tool);
  if (!entry) {
    process.stderr.write(`error: no tool "${tool}" in ${options.config}; tools: ${config.tools.map((t) => t.name).join(', ') || 'none'}\n`);
    return 2;
  }
  const { createLogger } = await import('../runtime/logger.js');
  const logger = createLogger({ level: globals.verbose ? 'debug' : 'warn' });
  const runtime = await buildRuntimeOrReport(config, logger);
  if (typeof runtime === 'number') return runtime;
  try {
    // The developer running `call` holds the config: act as a signed-in caller with the tool's scopes.
    const auth = { subject: 'local-cli', clientId: 'mcp-devmode-call', scopes: entry.scopes };
    const result = await runtime.callTool(tool, args, { signal: AbortSignal.timeout(120_000), logger, protocolVersion: '2025-11-25', auth });
    if (options.json) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      for (const block of result.content) process.stdout.write(`${block.type === 'text' ? block.text : JSON.stringify(block)}\n`);
    }
    return result.isError ? 1 : 0;
  } finally {
    await runtime.close();
    logger.flush();
  }
}
