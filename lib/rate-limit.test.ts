import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit';

describe('RateLimiter', () => {
  it('allows a burst up to capacity, then refuses with a wait, then refills', () => {
    const limiter = new RateLimiter(3, 60_000);
    const t = 1_000_000;
    expect([1, 2, 3].map(() => limiter.take('u', t).ok)).toEqual([true, true, true]);
    const refused = limiter.take('u', t);
    expect(refused).toEqual({ ok: false, retryAfterSeconds: 20 });
    expect(limiter.take('other', t).ok).toBe(true);
    expect(limiter.take('u', t + 20_000).ok).toBe(true);
    expect(limiter.take('u', t + 20_000).ok).toBe(false);
  });
});
