import { describe, expect, it } from 'vitest';
import { deleteVerdict, longestLinkMs, rotationKeyName } from './key-rotation';

const HOUR = 3_600_000;
const limits = { longestLinkMs: 7 * 24 * HOUR, keyCacheMs: 60_000 };
const old = { name: 'default', fingerprint: 'old', firstSeenMs: 0 };
const rotatedAt = 100 * HOUR;
const fresh = { name: 'k1', fingerprint: 'new', firstSeenMs: rotatedAt };
const keys = [old, fresh];

describe('deleting a signing key', () => {
  it('is safe only once the longest link lifetime (plus the key cache) has passed since the newer key appeared', () => {
    const safeAt = rotatedAt + limits.keyCacheMs + limits.longestLinkMs;
    expect(deleteVerdict(old, keys, 'new', limits, rotatedAt + HOUR)).toEqual({
      kind: 'breaks-links',
      safeAtMs: safeAt,
    });
    expect(deleteVerdict(old, keys, 'new', limits, safeAt - 1)).toEqual({ kind: 'breaks-links', safeAtMs: safeAt });
    expect(deleteVerdict(old, keys, 'new', limits, safeAt)).toEqual({ kind: 'safe' });
  });

  it('counts from the first newer key, however many came after', () => {
    const third = { name: 'k2', fingerprint: 'newest', firstSeenMs: rotatedAt + 50 * HOUR };
    const v = deleteVerdict(old, [old, fresh, third], 'newest', limits, rotatedAt);
    expect(v).toEqual({ kind: 'breaks-links', safeAtMs: rotatedAt + limits.keyCacheMs + limits.longestLinkMs });
  });

  it('never calls the key the app signs with safe', () => {
    expect(deleteVerdict(fresh, keys, 'new', limits, rotatedAt + 1000 * HOUR)).toEqual({ kind: 'signing-key' });
  });
});

describe('longest link lifetime', () => {
  it('is the larger of a gallery URL (TTL + bucket) and a shared link', () => {
    expect(longestLinkMs(3600, 900, 604_800)).toBe(604_800_000);
    expect(longestLinkMs(3600, 900, 60)).toBe(4500_000);
  });
});

describe('rotation key names', () => {
  it('are letters and digits, at most 20, from the time', () => {
    expect(rotationKeyName(Date.UTC(2026, 0, 2, 3, 4, 5))).toBe('k20260102030405');
  });
});
