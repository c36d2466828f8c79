// resources/list (paged), resources/templates/list (corpus-backed templates) and resources/read.
import { InvalidCursorError } from '../../resources/cursor.js';
import { INVALID_PARAMS, ProtocolError } from '../errors.js';
import type { ProtocolFeature } from '../feature.js';
import { requireString } from '../jsonrpc.js';
import { requireSignedIn } from './signed-in.js';
import { cacheableResult, resourceNotFound } from './era-results.js';

/** A cursor we did not issue is the client's mistake: -32602. */
function badCursor(err: unknown): never {
  if (err instanceof InvalidCursorError) throw new ProtocolError(INVALID_PARAMS, err.message);
  throw err;
}

function paged<T>(run: () => T): T {
  try {
    const out = run();
    // list() is async: map a rejected cursor the same way.
    return (out instanceof Promise ? out.catch(badCursor) : out) as T;
  } catch (err) {
    return badCursor(err);
  }
}

export const resourcesFeature: ProtocolFeature = {
  name: 'resources',
  // No subscriptions or list-change notifications: the server is stateless (ttlMs says when to re-list).
  capabilities: (runtime) => (runtime.resources.declared ? { resources: { listChanged: false } } : undefined),
  methods: {
    'resources/list': {
      eras: ['legacy', 'modern'],
      async handle(params, ctx) {
        requireSignedIn(ctx, 'resources');
        const page = await paged(() => ctx.runtime.resources.list(params.cursor));
        return cacheableResult(ctx, { resources: [...page.items], ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
      },
    },
    'resources/templates/list': {
      eras: ['legacy', 'modern'],
      handle(params, ctx) {
        requireSignedIn(ctx, 'resources');
        const page = paged(() => ctx.runtime.resources.templates(params.cursor));
        return cacheableResult(ctx, { resourceTemplates: [...page.items], ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
      },
    },
    'resources/read': {
      eras: ['legacy', 'modern'],
      nameParam: 'uri',
      async handle(params, ctx) {
        requireSignedIn(ctx, 'resources');
        const uri = requireString(params, 'uri');
        const contents = await ctx.runtime.resources.read(uri);
        if (!contents) throw resourceNotFound(ctx, uri);
        return cacheableResult(ctx, { contents });
      },
    },
  },
};
