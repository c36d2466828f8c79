// `doctor` without a URL: start the local mcp.yaml on a free loopback port, hand back its URL and a stop function.
import type { McpConfig } from '../config/types.js';

export interface LocalServer {
  readonly url: string;
  readonly config: McpConfig;
  stop(): Promise<void>;
}

/** Starts the server the way `serve` does, quietly (warnings only), on 127.0.0.1 and a free port. */
export async function startLocalServer(config: McpConfig): Promise<LocalServer> {
  const { createLogger } = await import('../runtime/logger.js');
  const { createRuntime } = await import('../runtime/runtime.js');
  const { startServer } = await import('../runtime/server.js');
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'warn' });
  const runtime = await createRuntime(config, { logger });
  try {
    const server = await startServer({ runtime, logger, port: 0, host: '127.0.0.1' });
    return { url: server.url, config, stop: () => server.close() };
  } catch (err) {
    await runtime.close();
    throw err;
  }
}
