// The `ctx` a module tool's function receives: a child logger, an abort signal (client gone,
// shutdown or the tool's timeout), `fetch` behind the SSRF guard, and the signed-in user.
import { guardedFetch, type GuardedResponse } from '../../net/index.js';
import type { Logger } from '../../logger.js';
import type { AuthInfo, CallContext } from '../types.js';

export interface ModuleFetchInit {
  readonly method?: string;
  readonly headers?: { readonly [name: string]: string };
  readonly body?: string | Uint8Array;
  /** Default: what is left of the tool's timeout. */
  readonly timeoutMs?: number;
  /** Cap on the response body (default 1 MiB). */
  readonly maxBytes?: number;
}

export interface ModuleFetchResponse extends GuardedResponse {
  readonly ok: boolean;
  json(): unknown;
}

export interface ModuleToolContext {
  readonly toolName: string;
  readonly logger: Logger;
  readonly signal: AbortSignal;
  readonly protocolVersion: string;
  /** Present when OAuth is on and the caller signed in. */
  readonly auth?: AuthInfo;
  fetch(url: string | URL, init?: ModuleFetchInit): Promise<ModuleFetchResponse>;
}

export function moduleContext(toolName: string, call: CallContext, signal: AbortSignal, deadline: number, allowPrivateNetwork: boolean): ModuleToolContext {
  return {
    toolName,
    logger: call.logger.child({ tool: toolName }),
    signal,
    protocolVersion: call.protocolVersion,
    ...(call.auth ? { auth: call.auth } : {}),
    async fetch(url, init = {}) {
      const { timeoutMs, maxBytes, ...request } = init;
      const response = await guardedFetch(url, request, {
        allowPrivateNetwork,
        signal,
        timeoutMs: Math.max(1, timeoutMs ?? deadline - Date.now()),
        ...(maxBytes !== undefined ? { maxBytes } : {}),
      });
      return {
        ...response,
        ok: response.status >= 200 && response.status < 300,
        text: () => response.text(),
        json: () => JSON.parse(response.text()) as unknown,
      };
    },
  };
}
