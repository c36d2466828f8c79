// quietWhenIdle: oidc-provider's AsyncLocalStorage is disabled (taking Node 20's process-wide
// promise hooks with it) once no provider request is in flight, and only then.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, it, vi } from 'vitest';
import providerStorage from 'oidc-provider/lib/helpers/als.js';
import { quietWhenIdle } from '../../../src/runtime/auth/quiet-context.js';

const req = {} as IncomingMessage;
const res = {} as ServerResponse;

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

const flush = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('quietWhenIdle', () => {
  it('disables the storage after the last overlapping request settles, not before', async () => {
    const storage = { disable: vi.fn() };
    const first = deferred();
    const second = deferred();
    const pending = [first, second];
    const handler = quietWhenIdle(() => pending.shift()!.promise, storage);
    const a = handler(req, res);
    const b = handler(req, res);
    first.resolve();
    await a;
    await flush();
    expect(storage.disable).not.toHaveBeenCalled();
    second.reject(new Error('koa handled it'));
    await expect(b).rejects.toThrow('koa handled it');
    await flush();
    expect(storage.disable).toHaveBeenCalledTimes(1);
  });

  it('counts a handler that throws synchronously as settled', async () => {
    const storage = { disable: vi.fn() };
    const handler = quietWhenIdle(() => {
      throw new Error('boom');
    }, storage);
    expect(() => handler(req, res)).toThrow('boom');
    expect(storage.disable).toHaveBeenCalledTimes(1);
  });

  it('wraps the instance oidc-provider runs its requests in', () => {
    // The deep import must resolve to a real AsyncLocalStorage (a provider upgrade that moves it fails here).
    expect(providerStorage).toBeInstanceOf(AsyncLocalStorage);
    const inside = providerStorage.run('ctx', () => providerStorage.getStore());
    expect(inside).toBe('ctx');
    providerStorage.disable();
    expect(providerStorage.getStore()).toBeUndefined();
  });
});
