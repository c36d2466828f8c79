// `doctor` without a URL: start the local mcp.yaml on a free loopback port (with its OAuth layer), hand back its URL and a stop function.
import { createServer } from 'node:net';
import type { McpConfig } from '../config/types.js';
import type { ToolKind } from '../runtime/tools/types.js';

export interface LocalServer {
  readonly url: string;
  readonly config: McpConfig;
  stop(): Promise<void>;
}

/** A free loopback port: the OAuth layer must know the origin (issuer, resource) before the server listens. */
async function freePort(): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts the server the way `serve` does, quietly (warnings only), on 127.0.0.1 and a free port. */
export async function startLocalServer(config: McpConfig, options: { readonly kinds?: readonly ToolKind[] } = {}): Promise<LocalServer> {
  const { createLogger } = await import('../runtime/logger.js');
  const { createRuntime } = await import('../runtime/runtime.js');
  const { startServer } = await import('../runtime/server.js');
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'warn' });
  const port = await freePort();
  // The probe talks to 127.0.0.1, so that is the public origin here whatever server.publicUrl says.
  const auth = config.auth.mode === 'oauth' ? await (await import('../runtime/auth/layer.js')).createAuthLayer(config, { logger, port, publicOrigin: `http://127.0.0.1:${port}` }) : undefined;
  const { createCorpusProvider } = await import('../runtime/corpus/provider.js');
  const corpora = createCorpusProvider(config, { logger });
  const cleanUp = async () => {
    await auth?.close();
    await corpora.close();
  };
  let runtime;
  try {
    // Indexes are built before listening, so the first search doctor sends measures the server, not the indexer.
    await Promise.all(Object.keys(config.corpora).map((name) => corpora.get(name)));
    runtime = await createRuntime(config, { logger, authChallenge: auth?.toolChallenge, kinds: options.kinds, corpora });
  } catch (err) {
    await cleanUp();
    throw err;
  }
  try {
    const server = await startServer({ runtime, logger, port, host: '127.0.0.1', auth });
    return {
      url: server.url,
      config,
      async stop() {
        await server.close();
        await cleanUp();
      },
    };
  } catch (err) {
    await runtime.close();
    await cleanUp();
    throw err;
  }
}
