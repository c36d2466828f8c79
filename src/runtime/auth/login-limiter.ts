// Login rate limiting: failed sign-ins counted per account and per client IP in fixed windows, in
// memory. Each instance counts on its own; with N instances an attacker gets at most N times the budget.

interface Window {
  count: number;
  resetAt: number;
}

export class LoginLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly maxFailuresPerAccount: number,
    private readonly windowSeconds: number,
    // One IP may try several accounts (a shared office NAT), but not endlessly.
    private readonly maxFailuresPerIp = maxFailuresPerAccount * 5,
  ) {}

  /** Seconds to wait when this IP or account is blocked, else 0. */
  blockedFor(ip: string, account: string, now = Date.now()): number {
    const ipWindow = this.current(`ip:${ip}`, now);
    const acct = this.current(`acct:${account}`, now);
    const waits = [
      ipWindow && ipWindow.count >= this.maxFailuresPerIp ? ipWindow.resetAt - now : 0,
      acct && acct.count >= this.maxFailuresPerAccount ? acct.resetAt - now : 0,
    ];
    return Math.ceil(Math.max(...waits) / 1000);
  }

  failed(ip: string, account: string, now = Date.now()): void {
    this.bump(`ip:${ip}`, now);
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

  private bump(key: string, now: number): void {
    let w = this.current(key, now);
    if (!w) {
      if (this.windows.size > 50_000) this.sweep(now);
      w = { count: 0, resetAt: now + this.windowSeconds * 1000 };
      this.windows.set(key, w);
    }
    w.count += 1;
  }

  private sweep(now: number): void {
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
  }
}
