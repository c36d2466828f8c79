// oidc-provider keeps each request's koa context in a module-level AsyncLocalStorage (als.run in
// its initialize_app). On Node 20, an enabled AsyncLocalStorage installs async_hooks promise hooks
// for the whole process, so after the first sign-in every promise on the MCP hot path paid an init
// hook: measured 62 µs of CPU per OAuth-protected calculator call against 43 µs without OAuth, with
// `promiseInitHook` among the top frames. The storage is needed only while a provider request runs,
// so it is disabled whenever none is in flight; the next request's als.run() enables it again.
import type { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
// A deep import of the provider's own instance (the package has no `exports` map, so the path is
// stable within the pinned ~9.13 range); it is the object initialize_app.js runs requests in.
import providerStorage from 'oidc-provider/lib/helpers/als.js';

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

/**
 * Wraps the provider's node handler so that its AsyncLocalStorage is disabled when no provider
 * request is in flight. `storage` is for tests.
 */
export function quietWhenIdle(handler: NodeHandler, storage: Pick<AsyncLocalStorage<unknown>, 'disable'> = providerStorage): NodeHandler {
  let inFlight = 0;
  const settled = (): void => {
    inFlight -= 1;
    if (inFlight === 0) storage.disable();
  };
  return (req, res) => {
    inFlight += 1;
    let outcome: unknown;
    try {
      outcome = handler(req, res);
    } catch (err) {
      settled();
      throw err;
    }
    // koa's handler returns the promise of the whole middleware chain (response written or failed).
    Promise.resolve(outcome).then(settled, settled);
    return outcome;
  };
}
