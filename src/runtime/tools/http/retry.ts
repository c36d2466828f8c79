// When and how long the http tool waits before trying an upstream again.

export interface RetryPolicy {
  readonly retries: number;
  /** 5xx and connection failures are retried only when a repeat is harmless. */
  readonly idempotent: boolean;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the call fails and says when to retry. */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_TIMING = { baseDelayMs: 250, maxDelayMs: 4_000, maxRetryAfterMs: 10_000 } as const;

/** Statuses worth another try: rate limiting and transient server trouble (not 501/505). */
export function isRetryableStatus(status: number, policy: RetryPolicy): boolean {
  if (status === 429) return true;
  return policy.idempotent && status >= 500 && status !== 501 && status !== 505;
}

/** Exponential backoff with jitter: half fixed, half random, so clients do not retry in lockstep. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date; undefined when unusable. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** Resolves after `ms`, or early (false) when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
