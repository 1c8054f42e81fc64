/** In-process token buckets: enough for one app server; a multi-instance deployment would move this to a shared store. */

interface Bucket {
  tokens: number;
  updated: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  /** `capacity` requests at once, refilled at `capacity` per `windowMs`. */
  constructor(
    private readonly capacity: number,
    private readonly windowMs: number,
  ) {}

  /** Takes one token for `key`; returns the seconds to wait when there is none. */
  take(key: string, now = Date.now()): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const rate = this.capacity / this.windowMs;
    const b = this.buckets.get(key) ?? { tokens: this.capacity, updated: now };
    b.tokens = Math.min(this.capacity, b.tokens + (now - b.updated) * rate);
    b.updated = now;
    this.buckets.set(key, b);
    if (this.buckets.size > 10_000) this.prune(now);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.ceil((1 - b.tokens) / rate / 1000) };
  }

  private prune(now: number): void {
    for (const [key, b] of this.buckets) if (now - b.updated > this.windowMs) this.buckets.delete(key);
  }
}
