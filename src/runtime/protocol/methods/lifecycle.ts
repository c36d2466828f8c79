// Lifecycle methods: legacy `initialize` and `ping`, modern `server/discover`.
// Official result types (type-only; v2 re-exports core's protocol types from its server package).
import type { DiscoverResult, InitializeResult } from '@modelcontextprotocol/server';
import type { ProtocolFeature } from '../feature.js';
import { serverInfoFor } from '../server-identity.js';
import { MODERN_VERSIONS } from '../versions.js';

export const lifecycleFeature: ProtocolFeature = {
  name: 'lifecycle',
  methods: {
    initialize: {
      eras: ['legacy'],
      handle(_params, ctx) {
        const result = {
          protocolVersion: ctx.version,
          capabilities: ctx.serverCapabilities,
          serverInfo: serverInfoFor(ctx.runtime, ctx.version) as InitializeResult['serverInfo'],
          ...(ctx.runtime.config.instructions !== undefined ? { instructions: ctx.runtime.config.instructions } : {}),
        } satisfies InitializeResult;
        return result;
      },
    },
    ping: {
      eras: ['legacy'],
      handle: () => ({}),
    },
    'server/discover': {
      eras: ['modern'],
      handle(_params, ctx) {
        const serverInfo = serverInfoFor(ctx.runtime, ctx.version);
        const result = {
          resultType: 'complete',
          // Only the stateless versions: legacy ones are reached through `initialize`, which
          // this request replaces (a client picks from this list for its next requests).
          supportedVersions: [...MODERN_VERSIONS],
          capabilities: ctx.serverCapabilities,
          ttlMs: ctx.runtime.listTtlMs,
          cacheScope: 'public',
          ...(ctx.runtime.config.instructions !== undefined ? { instructions: ctx.runtime.config.instructions } : {}),
        } satisfies DiscoverResult;
        // The spec's discover example also names the server at the top level (besides _meta).
        return { ...result, serverInfo };
      },
    },
  },
};
