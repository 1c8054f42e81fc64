/** The request proxy re-issues an aging session cookie on page requests (sliding sessions). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.stubEnv('PIXVAULT_DATA_DIR', mkdtempSync(path.join(tmpdir(), 'pixvault-proxy-')));
vi.stubEnv('PIXVAULT_IMAGE_BACKEND', 'cloudflare');
vi.stubEnv('CLOUDFLARE_ACCOUNT_ID', 'acc');
vi.stubEnv('CLOUDFLARE_ACCOUNT_HASH', 'HASH');
vi.stubEnv('CLOUDFLARE_API_TOKEN', 'token');
vi.stubEnv('CLOUDFLARE_IMAGES_SIGNING_KEY', 'signing-key');
vi.stubEnv('AUTH_SECRET', 'x'.repeat(32));

const { NextRequest } = await import('next/server');
const { encode } = await import('next-auth/jwt');
const { proxy } = await import('@/proxy');

const NAME = 'authjs.session-token';
const T0 = new Date('2030-01-01T00:00:00Z').getTime();
const DAY_MS = 24 * 60 * 60_000;

async function pageRequestAt(now: number, issuedAt: number) {
  vi.setSystemTime(issuedAt);
  const cookie = await encode({ token: { sub: 'u1', sid: 's1' }, secret: 'x'.repeat(32), salt: NAME });
  vi.setSystemTime(now);
  const res = await proxy(new NextRequest('http://localhost:3000/', { headers: { cookie: `${NAME}=${cookie}` } }));
  return res.headers.getSetCookie().find((c) => c.startsWith(`${NAME}=`));
}

afterEach(() => {
  vi.useRealTimers();
});

describe('proxy', () => {
  it('renews a session cookie issued over a day ago, and only then', async () => {
    vi.useFakeTimers();
    const renewed = await pageRequestAt(T0 + DAY_MS + 1, T0);
    expect(renewed).toMatch(/HttpOnly/i);
    expect(renewed).toContain(`Expires=${new Date(T0 + 8 * DAY_MS + 1).toUTCString()}`);
    expect(await pageRequestAt(T0 + DAY_MS - 1_000, T0)).toBeUndefined();
  });
});

describe('proxy: cross-site writes', () => {
  const post = (origin: string | null) =>
    proxy(
      new NextRequest('http://localhost:3000/admin/users', {
        method: 'POST',
        headers: { host: 'localhost:3000', 'next-action': 'abc', ...(origin === null ? {} : { origin }) },
      }),
    );

  it('refuses a server action posted from another origin or from `Origin: null` with 403', async () => {
    for (const origin of ['null', 'https://evil.example']) {
      const res = await post(origin);
      expect(res.status, origin).toBe(403);
      expect(await res.text()).toBe('Cross-site requests are not allowed.');
    }
  });

  it('lets same-origin posts and requests without Origin through to the page', async () => {
    for (const origin of ['http://localhost:3000', null]) {
      const res = await post(origin);
      expect(res.status, String(origin)).toBe(200);
      expect(res.headers.get('x-middleware-next')).toBe('1');
    }
  });
});
