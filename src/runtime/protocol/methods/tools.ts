// tools/list (precomputed per version) and tools/call (validated, auth-checked by the runtime).
import { INVALID_PARAMS, ProtocolError } from '../errors.js';
import type { ProtocolFeature } from '../feature.js';
import { checkParamHeaders } from '../headers.js';
import { requireString } from '../jsonrpc.js';
import type { RequestContext } from '../context.js';
import type { Logger } from '../../logger.js';
import type { AuthInfo, CallContext } from '../../tools/types.js';

/** A tool's view of the request; `signal` stays lazy (a prototype getter, see MethodContext). */
class ToolCallContext implements CallContext {
  readonly logger: Logger;
  readonly protocolVersion: string;
  readonly auth: AuthInfo | undefined;

  constructor(private readonly request: RequestContext) {
    this.logger = request.logger;
    this.protocolVersion = request.version;
    this.auth = request.auth;
  }

  get signal(): AbortSignal {
    return this.request.signal;
  }
}

export const toolsFeature: ProtocolFeature = {
  name: 'tools',
  // No list-change notifications: the server is stateless; clients re-list (ttlMs says when).
  capabilities: (runtime) => (runtime.listTools().length > 0 ? { tools: { listChanged: false } } : undefined),
  methods: {
    'tools/list': {
      eras: ['legacy', 'modern'],
      handle(params, ctx) {
        // One page holds every tool, so the only valid cursor is none.
        if (params.cursor !== undefined) throw new ProtocolError(INVALID_PARAMS, 'Invalid params: unknown cursor (tools/list returns a single page)');
        return { raw: ctx.runtime.toolsListJson(ctx.version) };
      },
    },
    'tools/call': {
      eras: ['legacy', 'modern'],
      nameParam: 'name',
      async handle(params, ctx) {
        const name = requireString(params, 'name');
        ctx.log.tool = name;
        const args = params.arguments ?? {};
        if (typeof args !== 'object' || args === null || Array.isArray(args)) {
          throw new ProtocolError(INVALID_PARAMS, 'Invalid params: params.arguments must be an object');
        }
        const headerParams = ctx.runtime.headerParams(name);
        if (ctx.era === 'modern' && ctx.headers && headerParams.length > 0) {
          checkParamHeaders(headerParams, args as Record<string, unknown>, ctx.headers.params);
        }
        const result = await ctx.runtime.callTool(name, args as Record<string, unknown>, new ToolCallContext(ctx));
        ctx.log.isError = result.isError === true;
        if (ctx.version === '2025-03-26' && 'structuredContent' in result) {
          // 2025-03-26 has no structuredContent; the text block already mirrors it.
          const { structuredContent: _omitted, ...rest } = result;
          return rest;
        }
        return result as Record<string, unknown>;
      },
    },
  },
};
