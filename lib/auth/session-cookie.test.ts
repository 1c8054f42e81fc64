import { decode, encode } from 'next-auth/jwt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renewedSessionCookie } from './session-cookie';

const SECRET = 's'.repeat(32);
const NAME = 'authjs.session-token';
const DAY_MS = 24 * 60 * 60_000;
const T0 = new Date('2030-01-01T00:00:00Z').getTime();

async function cookieIssuedAt(at: number, name = NAME): Promise<string> {
  vi.setSystemTime(at);
  return encode({ token: { sub: 'u1', sid: 'session-1' }, secret: SECRET, salt: name, maxAge: 7 * 24 * 3600 });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('session cookie renewal', () => {
  it('re-issues a cookie older than a day with the same claims and a fresh 7-day expiry', async () => {
    vi.useFakeTimers();
    const old = await cookieIssuedAt(T0);
    vi.setSystemTime(T0 + DAY_MS + 1_000);
    const renewed = await renewedSessionCookie((n) => (n === NAME ? old : undefined), SECRET, Date.now());
    expect(renewed?.name).toBe(NAME);
    expect(renewed?.options).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/', secure: false });
    expect(renewed?.options.expires.getTime()).toBe(T0 + 8 * DAY_MS + 1_000);
    const claims = await decode({ token: renewed?.value, secret: SECRET, salt: NAME });
    expect(claims).toMatchObject({ sub: 'u1', sid: 'session-1', exp: Math.floor((T0 + 8 * DAY_MS + 1_000) / 1000) });
  });

  it('leaves a fresh cookie alone, and ignores cookies it cannot read', async () => {
    vi.useFakeTimers();
    const fresh = await cookieIssuedAt(T0);
    vi.setSystemTime(T0 + DAY_MS - 1_000);
    expect(await renewedSessionCookie(() => fresh, SECRET, Date.now())).toBeNull();
    expect(await renewedSessionCookie(() => 'forged', SECRET, Date.now())).toBeNull();
    expect(await renewedSessionCookie(() => undefined, SECRET, Date.now())).toBeNull();
    expect(await renewedSessionCookie(() => fresh, 'another secret that is long enough', T0 + 2 * DAY_MS)).toBeNull();
  });

  it('keeps the __Secure- cookie secure', async () => {
    vi.useFakeTimers();
    const name = '__Secure-authjs.session-token';
    const old = await cookieIssuedAt(T0, name);
    vi.setSystemTime(T0 + 2 * DAY_MS);
    const renewed = await renewedSessionCookie((n) => (n === name ? old : undefined), SECRET, Date.now());
    expect(renewed).toMatchObject({ name, options: { secure: true } });
  });
});
