// `mcp-devmode validate [file]`: loads mcp.yaml like `serve` would and reports what it found or what is wrong.
import type { Command } from 'commander';
import type { McpConfig } from '../config/types.js';

const EXIT_CONFIG = 2;

interface ValidateOptions {
  readonly json?: boolean;
}

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check an mcp.yaml (schema, ${VAR}s, references, files) without starting a server')
    .argument('[file]', 'config file', 'mcp.yaml')
    .option('--json', 'print the result as JSON (for editors and CI)')
    .addHelpText(
      'after',
      `
Examples:
  $ mcp-devmode validate                       # ./mcp.yaml
  $ mcp-devmode validate examples/quickstart/mcp.yaml
  $ PORT=9000 mcp-devmode validate --json deploy/mcp.yaml

Exit codes: 0 valid, 2 invalid (each problem is printed as file:line:column with a hint).`,
    )
    .action(async (file: string, options: ValidateOptions, command: Command) => {
      process.exitCode = await runValidate(file, options, command.optsWithGlobals<{ quiet?: boolean; verbose?: boolean }>());
    });
}

async function runValidate(file: string, options: ValidateOptions, globals: { quiet?: boolean; verbose?: boolean }): Promise<number> {
  // load.js, not config/index.js: the printer (and chalk) loads only when there is something to print.
  const [{ loadConfigWithWarnings }, { isConfigError }] = await Promise.all([import('../config/load.js'), import('../config/errors.js')]);
  const color = Boolean(process.stderr.isTTY) && !process.env.NO_COLOR;
  try {
    const { config, warnings } = await loadConfigWithWarnings(file);
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ ok: true, file, name: config.name, tools: config.tools.map((t) => t.name), corpora: Object.keys(config.corpora), warnings }, null, 2)}\n`);
      return 0;
    }
    if (warnings.length > 0) {
      const { formatIssue } = await import('../config/format.js');
      for (const warning of warnings) process.stderr.write(`${formatIssue(warning, { color })}\n\n`);
    }
    if (!globals.quiet) process.stdout.write(`${summary(file, config)}\n`);
    return 0;
  } catch (err) {
    if (!isConfigError(err)) {
      // Not the user's config but our bug: say so briefly; --verbose shows where.
      process.stderr.write(`error: ${(err as Error).message}\n${globals.verbose ? `${(err as Error).stack ?? ''}\n` : ''}`);
      return 1;
    }
    if (options.json) process.stdout.write(`${JSON.stringify({ ok: false, file, issues: err.issues }, null, 2)}\n`);
    else process.stderr.write(`${(await import('../config/format.js')).formatConfigError(err, { color })}\n`);
    return EXIT_CONFIG;
  }
}

function summary(file: string, config: McpConfig): string {
  const tools = config.tools.map((t) => t.name);
  const corpora = Object.values(config.corpora).map((c) => `${c.name} (${c.sources.length} source${c.sources.length === 1 ? '' : 's'})`);
  const resources = config.resources.map((r) => r.uri ?? r.uriTemplate);
  const prompts = config.prompts.map((p) => p.name);
  const lines = [
    `✓ ${file} is valid: ${config.name} ${config.version}`,
    `  ${tools.length} tool${tools.length === 1 ? '' : 's'}${tools.length ? `: ${tools.join(', ')}` : ''}`,
    `  ${corpora.length} ${corpora.length === 1 ? 'corpus' : 'corpora'}${corpora.length ? `: ${corpora.join(', ')}` : ''}`,
    // Resources and prompts only when declared, so tools-only projects keep their short summary.
    ...(resources.length ? [`  ${resources.length} resource${resources.length === 1 ? '' : 's'}: ${resources.join(', ')}`] : []),
    ...(prompts.length ? [`  ${prompts.length} prompt${prompts.length === 1 ? '' : 's'}: ${prompts.join(', ')}`] : []),
    `  auth: ${config.auth.mode}; endpoint http://${config.server.host}:${config.server.port}${config.server.path}`,
  ];
  if (config.envVars.length) lines.push(`  environment: ${config.envVars.join(', ')}`);
  return lines.join('\n');
}
