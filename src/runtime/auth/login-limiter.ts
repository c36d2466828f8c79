// Login rate limiting per client IP (all attempts) and per account (failures), fixed windows in memory.
// Each instance counts on its own; with N instances an attacker gets at most N times the budget.

interface Window {
  count: number;
  resetAt: number;
}

export class LoginLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly maxFailuresPerAccount: number, private readonly windowSeconds: number, private readonly maxAttemptsPerIp = maxFailuresPerAccount * 3) {}

  /** Seconds to wait when blocked, else 0. Counts this attempt against the IP. */
  attempt(ip: string, account: string, now = Date.now()): number {
    const ipWindow = this.bump(`ip:${ip}`, now);
    if (ipWindow.count > this.maxAttemptsPerIp) return Math.ceil((ipWindow.resetAt - now) / 1000);
    const acct = this.current(`acct:${account}`, now);
    if (acct && acct.count >= this.maxFailuresPerAccount) return Math.ceil((acct.resetAt - now) / 1000);
    return 0;
  }

  failed(account: string, now = Date.now()): void {
    this.bump(`acct:${account}`, now);
  }

  succeeded(account: string): void {
    this.windows.delete(`acct:${account}`);
  }

  private current(key: string, now: number): Window | undefined {
    const w = this.windows.get(key);
    if (w && w.resetAt <= now) {
      this.windows.delete(key);
      return undefined;
    }
    return w;
  }

  private bump(key: string, now: number): Window {
    let w = this.current(key, now);
    if (!w) {
      if (this.windows.size > 50_000) this.sweep(now);
      w = { count: 0, resetAt: now + this.windowSeconds * 1000 };
      this.windows.set(key, w);
    }
    w.count += 1;
    return w;
  }

  private sweep(now: number): void {
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
  }
}
