// Era differences of the resources/* and prompts/* results, in one place: 2026-07-28 list and read
// results carry ttlMs/cacheScope (resultType and serverInfo are added by the dispatcher) and an
// unknown resource is -32602; legacy versions get the plain result and -32002.
import type { RequestContext } from '../context.js';
import { INVALID_PARAMS, ProtocolError } from '../errors.js';

/** MCP's legacy "resource not found" code. */
export const RESOURCE_NOT_FOUND = -32002;

/** Adds the 2026-07-28 caching hints; the content is the same for every caller, so `public`. */
export function cacheableResult<T extends Record<string, unknown>>(ctx: RequestContext, result: T): T {
  if (ctx.era !== 'modern') return result;
  return { ...result, ttlMs: ctx.runtime.listTtlMs, cacheScope: 'public' };
}

export function resourceNotFound(ctx: RequestContext, uri: string): ProtocolError {
  const code = ctx.era === 'modern' ? INVALID_PARAMS : RESOURCE_NOT_FOUND;
  return new ProtocolError(code, `Resource not found: ${uri}`, { data: { uri } });
}
