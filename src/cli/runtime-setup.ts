// Shared by `serve` and `call`: load mcp.yaml (config errors → exit 2 with located messages) and
// build the runtime the config describes.
import type { McpConfig } from '../config/types.js';
import type { Logger } from '../runtime/logger.js';
import type { Runtime, ToolAuthChallenge } from '../runtime/runtime.js';

export const EXIT_CONFIG = 2;

/** The config, or the exit code after printing why it could not be loaded. */
export async function loadConfigOrReport(file: string, verbose: boolean): Promise<McpConfig | number> {
  // load.js, not config/index.js: the printer (and chalk) loads only when there is something to print.
  const [{ loadConfigWithWarnings }, { isConfigError }] = await Promise.all([import('../config/load.js'), import('../config/errors.js')]);
  const color = Boolean(process.stderr.isTTY) && !process.env.NO_COLOR;
  try {
    const { config, warnings } = await loadConfigWithWarnings(file);
    if (warnings.length > 0) {
      const { formatIssue } = await import('../config/format.js');
      for (const warning of warnings) process.stderr.write(`${formatIssue(warning, { color })}\n\n`);
    }
    return config;
  } catch (err) {
    if (isConfigError(err)) {
      const { formatConfigError } = await import('../config/format.js');
      process.stderr.write(`${formatConfigError(err, { color })}\n`);
      return EXIT_CONFIG;
    }
    process.stderr.write(`error: ${(err as Error).message}\n${verbose ? `${(err as Error).stack ?? ''}\n` : ''}`);
    return 1;
  }
}

/**
 * The runtime the config describes, or exit code 1 after saying why it could not start. Corpora
 * are indexed (or loaded from their cache) before this returns, so a bad corpus fails at start and
 * the first search is fast; the runtime's close() also closes them.
 */
export async function buildRuntimeOrReport(config: McpConfig, logger: Logger, listTtlMs?: number, authChallenge?: ToolAuthChallenge): Promise<Runtime | number> {
  const { createRuntime } = await import('../runtime/runtime.js');
  const names = Object.keys(config.corpora);
  const corpora = names.length > 0 ? (await import('../runtime/corpus/provider.js')).createCorpusProvider(config, { logger }) : undefined;
  try {
    await Promise.all(names.map((name) => corpora!.get(name)));
    const runtime = await createRuntime(config, { logger, listTtlMs, ...(authChallenge ? { authChallenge } : {}), ...(corpora ? { corpora } : {}) });
    if (!corpora) return runtime;
    return {
      ...runtime,
      async close() {
        await runtime.close();
        await corpora.close();
      },
    };
  } catch (err) {
    await corpora?.close();
    const e = err as Error & { hint?: string };
    process.stderr.write(`error: could not start the tools: ${e.message}\n${e.hint ? `  fix: ${e.hint}\n` : ''}`);
    return 1;
  }
}
