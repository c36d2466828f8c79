// One http tool call on the wire: the guarded fetch, retries with backoff (honouring
// Retry-After), and the mapping of every outcome to a tool result. Never throws.
import { guardedFetch, isNetError, type GuardedResponse } from '../../net/index.js';
import type { CallContext, CallToolResult } from '../types.js';
import type { CompiledHttpTool } from './compile.js';
import type { BuiltRequest } from './request-template.js';
import { backoffDelay, DEFAULT_RETRY_TIMING, isRetryableStatus, parseRetryAfter, sleep, type RetryPolicy } from './retry.js';
import { describeRequest, errorResult, statusFailure, successResult } from './upstream-result.js';

// Connection-level failures worth another try; a timeout is not retried (it would only
// multiply the wait), nor is a refused address or a bad redirect.
const RETRYABLE_NET_CODES = new Set(['connection_failed']);

export async function executeRequest(
  toolName: string,
  tool: CompiledHttpTool,
  policy: RetryPolicy,
  request: BuiltRequest,
  args: Record<string, unknown>,
  ctx: CallContext,
): Promise<CallToolResult> {
  const what = describeRequest(request.method, request.url);
  for (let attempt = 0; ; attempt++) {
    const started = performance.now();
    let res: GuardedResponse;
    try {
      res = await guardedFetch(request.url, request, {
        allowPrivateNetwork: tool.allowPrivateNetwork,
        timeoutMs: tool.timeoutMs,
        maxBytes: tool.maxBytes,
        signal: ctx.signal,
      });
    } catch (err) {
      if (!isNetError(err)) throw err;
      // Log the code and message only: never the request headers (they may hold secrets).
      ctx.logger.warn({ tool: toolName, request: what, attempt, code: err.code, ms: Math.round(performance.now() - started) }, 'http tool: upstream request failed');
      if (RETRYABLE_NET_CODES.has(err.code) && policy.idempotent && attempt < policy.retries && !ctx.signal.aborted) {
        if (await sleep(backoffDelay(attempt, policy), ctx.signal)) continue;
      }
      const tries = attempt > 0 ? ` (after ${attempt + 1} attempts)` : '';
      return errorResult(`${what} failed${tries}: ${err.message}${err.hint ? ` ${err.hint}` : ''}`);
    }
    ctx.logger.debug({ tool: toolName, request: what, attempt, status: res.status, bytes: res.body.length, ms: Math.round(performance.now() - started) }, 'http tool: upstream answered');
    if (res.status < 400) return successResult(res, request.method, tool, args);
    if (attempt < policy.retries && isRetryableStatus(res.status, policy) && !ctx.signal.aborted) {
      const retryAfter = parseRetryAfter(res.headers['retry-after']);
      if (retryAfter !== undefined && retryAfter > policy.maxRetryAfterMs) {
        return statusFailure(res, request.method, `Upstream asked to retry after ${Math.ceil(retryAfter / 1000)} s, longer than this tool waits; try again later.`);
      }
      if (await sleep(retryAfter ?? backoffDelay(attempt, policy), ctx.signal)) continue;
    }
    return statusFailure(res, request.method, attempt > 0 ? `Gave up after ${attempt + 1} attempts.` : undefined);
  }
}

export function retryPolicyFor(tool: CompiledHttpTool, idempotent: boolean): RetryPolicy {
  return { retries: tool.retries, idempotent, ...DEFAULT_RETRY_TIMING };
}
