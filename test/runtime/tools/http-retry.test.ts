import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_RETRY_TIMING, isRetryableStatus, parseRetryAfter, sleep, type RetryPolicy } from '../../../src/runtime/tools/http/retry.js';
import { parseDurationMs } from '../../../src/runtime/tools/http/duration.js';

const policy: RetryPolicy = { retries: 2, idempotent: true, ...DEFAULT_RETRY_TIMING };

describe('http tool retry policy', () => {
  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-11-26T10:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Thu, 26 Nov 2026 10:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Thu, 26 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('backs off exponentially with jitter inside [ceiling/2, ceiling], capped', () => {
    expect(backoffDelay(0, policy, () => 0)).toBe(125);
    expect(backoffDelay(0, policy, () => 1)).toBe(250);
    expect(backoffDelay(2, policy, () => 0)).toBe(500);
    expect(backoffDelay(2, policy, () => 1)).toBe(1000);
    expect(backoffDelay(20, policy, () => 1)).toBe(DEFAULT_RETRY_TIMING.maxDelayMs);
  });

  it('retries 429 always, 5xx only when idempotent, never 501/505/4xx', () => {
    expect(isRetryableStatus(429, { ...policy, idempotent: false })).toBe(true);
    expect(isRetryableStatus(503, policy)).toBe(true);
    expect(isRetryableStatus(503, { ...policy, idempotent: false })).toBe(false);
    expect(isRetryableStatus(501, policy)).toBe(false);
    expect(isRetryableStatus(505, policy)).toBe(false);
    expect(isRetryableStatus(404, policy)).toBe(false);
  });

  it('sleep resolves false as soon as the signal aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const started = Date.now();
    expect(await sleep(5_000, controller.signal)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await sleep(1, new AbortController().signal)).toBe(true);
  });
});

describe('http tool durations', () => {
  it('reads milliseconds and unit strings', () => {
    expect(parseDurationMs(2500)).toBe(2500);
    expect(parseDurationMs('250ms')).toBe(250);
    expect(parseDurationMs('10s')).toBe(10_000);
    expect(parseDurationMs('1.5s')).toBe(1500);
    expect(parseDurationMs('2m')).toBe(120_000);
    expect(parseDurationMs('400')).toBe(400);
    expect(parseDurationMs('ten seconds')).toBeUndefined();
    expect(parseDurationMs(-1)).toBeUndefined();
  });
});
