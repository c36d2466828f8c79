// prompts/list (one page) and prompts/get (arguments checked, placeholders rendered).
import { PromptArgumentsError } from '../../prompts/catalog.js';
import { INVALID_PARAMS, ProtocolError } from '../errors.js';
import type { ProtocolFeature } from '../feature.js';
import { requireString } from '../jsonrpc.js';
import { requireSignedIn } from './signed-in.js';
import { cacheableResult } from './era-results.js';

export const promptsFeature: ProtocolFeature = {
  name: 'prompts',
  capabilities: (runtime) => (runtime.prompts.declared ? { prompts: { listChanged: false } } : undefined),
  methods: {
    'prompts/list': {
      eras: ['legacy', 'modern'],
      handle(params, ctx) {
        requireSignedIn(ctx, 'prompts');
        // One page holds every prompt, so the only valid cursor is none.
        if (params.cursor !== undefined) throw new ProtocolError(INVALID_PARAMS, 'Invalid params: unknown cursor (prompts/list returns a single page)');
        return cacheableResult(ctx, { prompts: [...ctx.runtime.prompts.list()] });
      },
    },
    'prompts/get': {
      eras: ['legacy', 'modern'],
      nameParam: 'name',
      async handle(params, ctx) {
        requireSignedIn(ctx, 'prompts');
        const name = requireString(params, 'name');
        const args = params.arguments ?? {};
        if (typeof args !== 'object' || args === null || Array.isArray(args)) {
          throw new ProtocolError(INVALID_PARAMS, 'Invalid params: params.arguments must be an object of strings');
        }
        try {
          const rendered = await ctx.runtime.prompts.get(name, args as Record<string, unknown>);
          if (!rendered) throw new ProtocolError(INVALID_PARAMS, `Invalid params: unknown prompt "${name}"`);
          return { ...rendered };
        } catch (err) {
          if (err instanceof PromptArgumentsError) throw new ProtocolError(INVALID_PARAMS, err.message);
          throw err;
        }
      },
    },
  },
};
