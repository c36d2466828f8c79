// Shared by `serve` and `call`: load mcp.yaml (config errors → exit 2 with located messages) and
// build the runtime the config describes.
import type { McpConfig } from '../config/types.js';
import type { Logger } from '../runtime/logger.js';
import type { Runtime, ToolAuthChallenge } from '../runtime/runtime.js';

export const EXIT_CONFIG = 2;

/** The config, or the exit code after printing why it could not be loaded. */
export async function loadConfigOrReport(file: string, verbose: boolean): Promise<McpConfig | number> {
  const { loadConfigWithWarnings, isConfigError, formatConfigError, formatIssue } = await import('../config/index.js');
  const color = Boolean(process.stderr.isTTY) && !process.env.NO_COLOR;
  try {
    const { config, warnings } = await loadConfigWithWarnings(file);
    for (const warning of warnings) process.stderr.write(`${formatIssue(warning, { color })}\n\n`);
    return config;
  } catch (err) {
    if (isConfigError(err)) {
      process.stderr.write(`${formatConfigError(err, { color })}\n`);
      return EXIT_CONFIG;
    }
    process.stderr.write(`error: ${(err as Error).message}\n${verbose ? `${(err as Error).stack ?? ''}\n` : ''}`);
    return 1;
  }
}

/** The runtime the config describes, or exit code 1 after saying why a tool could not start. */
export async function buildRuntimeOrReport(config: McpConfig, logger: Logger, listTtlMs?: number, authChallenge?: ToolAuthChallenge): Promise<Runtime | number> {
  const { createRuntime } = await import('../runtime/runtime.js');
  try {
    return await createRuntime(config, { logger, listTtlMs, ...(authChallenge ? { authChallenge } : {}) });
  } catch (err) {
    process.stderr.write(`error: could not start the tools: ${(err as Error).message}\n`);
    return 1;
  }
}
