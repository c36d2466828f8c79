// Starts the real server in-process on an ephemeral port from a YAML config text.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/index.js';
import type { McpConfig } from '../../src/config/types.js';
import { silentLogger, type Logger } from '../../src/runtime/logger.js';
import { createRuntime, type RuntimeOptions } from '../../src/runtime/runtime.js';
import type { ToolKind } from '../../src/runtime/tools/types.js';
import { startServer, type McpHttpServer, type StartServerOptions } from '../../src/runtime/server.js';

export interface TestServer {
  readonly server: McpHttpServer;
  readonly config: McpConfig;
  /** http://127.0.0.1:<port>/mcp */
  readonly url: string;
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  close(): Promise<void>;
}

/** A config from YAML text, as the loader would produce it (relative paths resolve in `dir`). */
export async function configFromYaml(yaml: string, options: { dir?: string; kinds?: readonly ToolKind[] } = {}): Promise<McpConfig> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'mcp-devmode-'));
  const sourcePath = join(dir, 'mcp.yaml');
  writeFileSync(sourcePath, yaml);
  return (await parseConfig(yaml, { sourcePath, env: { ...process.env }, kinds: options.kinds })).config;
}

export async function startTestServer(
  config: McpConfig,
  options: { logger?: Logger; runtime?: Partial<RuntimeOptions>; server?: Partial<StartServerOptions> } = {},
): Promise<TestServer> {
  const logger = options.logger ?? silentLogger();
  const runtime = await createRuntime(config, { logger, ...options.runtime });
  const server = await startServer({ runtime, logger, port: 0, host: '127.0.0.1', ...options.server });
  const origin = `http://127.0.0.1:${server.port}`;
  return { server, config, url: `${origin}${config.server.path}`, origin, close: () => server.close() };
}
