// Used by `serve`: builds the OAuth layer when auth.mode is oauth, or reports why it cannot start.
import type { McpConfig } from '../config/types.js';
import type { Logger } from '../runtime/logger.js';
import type { AuthLayer } from '../runtime/auth/layer.js';

/** The layer (undefined when auth is off), or exit code 1/2 after printing the problem and its fix. */
export async function createAuthOrReport(config: McpConfig, logger: Logger, port: number | undefined): Promise<AuthLayer | undefined | number> {
  if (config.auth.mode !== 'oauth') return undefined;
  const { createAuthLayer } = await import('../runtime/auth/layer.js');
  try {
    return await createAuthLayer(config, { logger, ...(port !== undefined ? { port } : {}) });
  } catch (err) {
    const e = err as Error & { code?: string; hint?: string };
    process.stderr.write(`error: cannot start OAuth: ${e.message}\n${e.hint ? `  fix: ${e.hint}\n` : ''}`);
    return ['demo_in_production', 'supabase_missing', 'no_issuer', 'bad_url'].includes(e.code ?? '') ? 2 : 1;
  }
}
