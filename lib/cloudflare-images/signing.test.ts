import { describe, expect, it } from 'vitest';
import { hmacHex, signUrl, stringToSign, verifySignature } from './signing';

const KEY = 'Oix0bbNaT8Rge9PuyxUBrjI6zrgnsyJ5=';
const PATH = '/cheeW4oKsx5ljh8e8BoL2A/bc27a117-9509-446b-8c69-c81bfeac0a01/mobile';

describe('Cloudflare signed URLs', () => {
  it('matches the test vector', () => {
    expect(hmacHex(KEY, `${PATH}?exp=1631289275`)).toBe(
      '72411885ee02134d38662f3e70ac8ff694f408e9d14b05125f6b022c3f403efa',
    );
    const signed = new URL(signUrl(`https://imagedelivery.net${PATH}`, KEY, 1631289275));
    expect(signed.searchParams.get('exp')).toBe('1631289275');
    expect(signed.searchParams.get('sig')).toBe('72411885ee02134d38662f3e70ac8ff694f408e9d14b05125f6b022c3f403efa');
  });

  it('signs the path and the query without sig, in order', () => {
    expect(stringToSign(new URL(`https://x${PATH}?a=1&exp=5&sig=zz`))).toBe(`${PATH}?a=1&exp=5`);
  });

  it('verifies a fresh signature and refuses tampering, expiry and malformed input', () => {
    const now = 1_700_000_000;
    const signed = new URL(signUrl(`https://x${PATH}`, KEY, now + 60));
    const q = signed.search.slice(1);
    expect(verifySignature(PATH, q, [KEY], now)).toEqual({ ok: true, exp: now + 60 });
    expect(verifySignature(PATH, q, [KEY], now + 60)).toEqual({ ok: false, reason: 'expired' });
    expect(verifySignature(PATH.replace('mobile', 'public'), q, [KEY], now)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature(PATH, q.replace(`exp=${now + 60}`, `exp=${now + 6000}`), [KEY], now)).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifySignature(PATH, `exp=${now + 60}`, [KEY], now)).toEqual({ ok: false, reason: 'missing' });
    expect(verifySignature(PATH, `exp=${now + 60}&sig=xyz`, [KEY], now)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifySignature(PATH, `exp=soon&sig=${'a'.repeat(64)}`, [KEY], now)).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(verifySignature(PATH, `${q}&sig=${'a'.repeat(64)}`, [KEY], now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('accepts any current key (rotation) and an upper-case hex digest', () => {
    const now = 1_700_000_000;
    const q = new URL(signUrl(`https://x${PATH}`, 'second-key', now + 60)).search.slice(1);
    expect(verifySignature(PATH, q, [KEY, 'second-key'], now).ok).toBe(true);
    expect(verifySignature(PATH, q, [KEY], now).ok).toBe(false);
    expect(
      verifySignature(
        PATH,
        q.replace(/sig=(\w+)/, (_m, s: string) => `sig=${s.toUpperCase()}`),
        ['second-key'],
        now,
      ).ok,
    ).toBe(true);
  });

  it('accepts a signature without exp (never expires) over "path?" or "path"', () => {
    const sig = hmacHex(KEY, `${PATH}?`);
    expect(verifySignature(PATH, `sig=${sig}`, [KEY], 2e9)).toEqual({ ok: true, exp: null });
    expect(verifySignature(PATH, `sig=${hmacHex(KEY, PATH)}`, [KEY], 2e9)).toEqual({ ok: true, exp: null });
  });

  it('never throws on garbage', () => {
    expect(verifySignature('', '%%%&&&=', [], 0).ok).toBe(false);
    expect(verifySignature(PATH, 'sig=%zz', [KEY], 0).ok).toBe(false);
  });
});
