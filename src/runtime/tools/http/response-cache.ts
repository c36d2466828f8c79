// A small in-memory cache of successful http tool results, keyed by the exact request sent.
// Bounded by entry count (least recently used goes first) and by each entry's TTL.
import { LruCache } from '../../lru-cache.js';

export class ResponseCache<V> {
  private readonly entries: LruCache<{ readonly value: V; readonly expires: number }>;

  constructor(private readonly ttlMs: number, maxEntries = 256) {
    this.entries = new LruCache(maxEntries);
  }

  get(key: string, now: number = Date.now()): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.expires <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.value;
  }

  set(key: string, value: V, now: number = Date.now()): void {
    this.entries.set(key, { value, expires: now + this.ttlMs });
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}
