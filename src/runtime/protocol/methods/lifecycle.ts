// Lifecycle methods: legacy `initialize` and `ping`, modern `server/discover`.
import type { ProtocolFeature } from '../feature.js';
import { serverInfoFor } from '../server-identity.js';
import { MODERN_VERSIONS } from '../versions.js';

export const lifecycleFeature: ProtocolFeature = {
  name: 'lifecycle',
  methods: {
    initialize: {
      eras: ['legacy'],
      handle(_params, ctx) {
        const result: Record<string, unknown> = {
          protocolVersion: ctx.version,
          capabilities: ctx.serverCapabilities,
          serverInfo: serverInfoFor(ctx.runtime, ctx.version),
        };
        if (ctx.runtime.config.instructions !== undefined) result.instructions = ctx.runtime.config.instructions;
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
        const result: Record<string, unknown> = {
          resultType: 'complete',
          // Only the stateless versions: legacy ones are reached through `initialize`, which
          // this request replaces (a client picks from this list for its next requests).
          supportedVersions: [...MODERN_VERSIONS],
          capabilities: ctx.serverCapabilities,
          serverInfo,
          ttlMs: ctx.runtime.listTtlMs,
          cacheScope: 'public',
        };
        if (ctx.runtime.config.instructions !== undefined) result.instructions = ctx.runtime.config.instructions;
        return result;
      },
    },
  },
};
