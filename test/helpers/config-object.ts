// Builds an McpConfig as the loader would produce it, for tests that vary a few parts in code
// instead of writing mcp.yaml (one place, so a new config field is added once).
import { join } from 'node:path';
import type { McpConfig } from '../../src/config/types.js';

export type ConfigOverrides = Partial<Omit<McpConfig, 'server'>> & { server?: Partial<McpConfig['server']> };

export function configObject(overrides: ConfigOverrides = {}): McpConfig {
  const { server, ...rest } = overrides;
  const baseDir = rest.baseDir ?? '/tmp';
  return {
    name: 'test',
    version: '1.0.0',
    server: {
      port: 0,
      host: '127.0.0.1',
      path: '/mcp',
      corsOrigins: [],
      allowedHosts: [],
      allowPrivateNetwork: false,
      maxBodyBytes: 1_000_000,
      ...server,
    },
    auth: { mode: 'none' },
    storage: 'sqlite::memory:',
    corpora: {},
    tools: [],
    resources: [],
    prompts: [],
    sourcePath: join(baseDir, 'mcp.yaml'),
    baseDir,
    envVars: [],
    ...rest,
  };
}
