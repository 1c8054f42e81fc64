import { describe, expect, it } from 'vitest';
import { type BackoffPolicy, delayAfter, waitMs } from './backoff';

const policy: BackoffPolicy = { free: 3, baseMs: 1_000, maxMs: 8_000, forgetAfterMs: 60_000 };
const t0 = 1_700_000_000_000;

describe('backoff', () => {
  it('lets the free failures pass, then doubles the delay up to the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 40].map((n) => delayAfter(n, policy))).toEqual([
      0, 0, 0, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000,
    ]);
  });

  it('counts the wait from the last failure and never locks for good', () => {
    const record = { failures: 5, lastFailureAt: t0 };
    expect(waitMs(record, policy, t0)).toBe(4_000);
    expect(waitMs(record, policy, t0 + 3_000)).toBe(1_000);
    expect(waitMs(record, policy, t0 + 4_000)).toBe(0);
  });

  it('forgets a record after a quiet spell', () => {
    const record = { failures: 50, lastFailureAt: t0 };
    expect(waitMs(record, policy, t0 + 7_999)).toBe(1);
    expect(waitMs(record, policy, t0 + 60_000)).toBe(0);
    expect(waitMs(undefined, policy, t0)).toBe(0);
  });
});
