import { describe, expect, it } from 'vitest';
import { bucketedExpiry } from './expiry';
import { signUrl } from './signing';

const KEY = 'Oix0bbNaT8Rge9PuyxUBrjI6zrgnsyJ5=';

describe('bucketed expiry', () => {
  it('gives every request in one bucket the same expiry, at least minTtl away', () => {
    const bucket = 900;
    const minTtl = 3600;
    const start = 1_700_000_100; // somewhere inside a bucket
    const base = bucketedExpiry(start, minTtl, bucket);
    expect(base % bucket).toBe(0);
    expect(base - start).toBeGreaterThanOrEqual(minTtl);
    expect(base - start).toBeLessThan(minTtl + bucket);
    const firstOfBucket = base - minTtl - bucket + 1;
    for (let now = firstOfBucket; now <= base - minTtl; now += 37)
      expect(bucketedExpiry(now, minTtl, bucket)).toBe(base);
    expect(bucketedExpiry(base - minTtl + 1, minTtl, bucket)).toBe(base + bucket);
  });

  it('makes the same signed URL for the whole bucket', () => {
    const u = 'https://imagedelivery.net/h/id/thumbnail';
    const a = signUrl(u, KEY, bucketedExpiry(1_700_000_200, 3600, 900));
    const b = signUrl(u, KEY, bucketedExpiry(1_700_000_900, 3600, 900));
    expect(a).toBe(b);
  });
});
