/**
 * Sessions end when they should: driven through the real Auth.js route handlers and configuration
 * (CSRF, the credentials callback, the session endpoint, sign-out), as a browser would.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

vi.stubEnv('PIXVAULT_DATA_DIR', mkdtempSync(path.join(tmpdir(), 'pixvault-sessions-')));
vi.stubEnv('PIXVAULT_IMAGE_BACKEND', 'cloudflare');
vi.stubEnv('CLOUDFLARE_ACCOUNT_ID', 'acc');
vi.stubEnv('CLOUDFLARE_ACCOUNT_HASH', 'HASH');
vi.stubEnv('CLOUDFLARE_API_TOKEN', 'token');
vi.stubEnv('CLOUDFLARE_IMAGES_SIGNING_KEY', 'signing-key');
vi.stubEnv('AUTH_SECRET', 'x'.repeat(32));
vi.stubEnv('PIXVAULT_TRUSTED_PROXIES', '127.0.0.1');

const { NextRequest } = await import('next/server');
const { handlers } = await import('./config');
const { hashPassword } = await import('./password');
const { endAllSessions } = await import('./session-store');
const users = await import('@/lib/db/users');

const BASE = 'http://localhost:3000/api/auth';
const PASSWORD = 'correct horse battery';

/** `name=value` pairs of the Set-Cookie headers that set (not clear) a cookie. */
function cookiesOf(res: Response): string[] {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .filter((pair) => !pair.endsWith('='));
}

async function csrf(): Promise<{ token: string; cookie: string }> {
  const res = await handlers.GET(new NextRequest(`${BASE}/csrf`));
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { token: csrfToken, cookie: cookiesOf(res).join('; ') };
}

/** Signs in with email + password from `address`; returns the session cookie, or the error the page would get. */
async function signIn(email: string, password: string, address = '203.0.113.10') {
  const { token, cookie } = await csrf();
  const res = await handlers.POST(
    new NextRequest(`${BASE}/callback/credentials`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie,
        'x-forwarded-for': `${address}, 127.0.0.1`,
      },
      body: new URLSearchParams({ csrfToken: token, email, password, callbackUrl: '/' }),
    }),
  );
  const session = cookiesOf(res).find((c) => c.startsWith('authjs.session-token='));
  const location = new URL(res.headers.get('location') ?? '/', BASE);
  return { session, error: location.searchParams.get('error'), code: location.searchParams.get('code') };
}

/** Who the session cookie stands for now, as the app's `auth()` would see it. */
async function whoIs(sessionCookie: string | undefined): Promise<string | null> {
  const res = await handlers.GET(new NextRequest(`${BASE}/session`, { headers: { cookie: sessionCookie ?? '' } }));
  const body = (await res.json()) as { user?: { id?: string } } | null;
  return body?.user?.id ?? null;
}

async function signOut(sessionCookie: string): Promise<void> {
  const { token, cookie } = await csrf();
  await handlers.POST(
    new NextRequest(`${BASE}/signout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `${cookie}; ${sessionCookie}` },
      body: new URLSearchParams({ csrfToken: token, callbackUrl: '/' }),
    }),
  );
}

let n = 0;
async function newUser(role: 'admin' | 'uploader' | 'viewer' = 'uploader') {
  const email = `person${++n}@example.com`;
  const user = await users.createUser({ email, passwordHash: await hashPassword(PASSWORD), role });
  return { id: user.id, email };
}

beforeAll(async () => {
  await newUser('admin'); // the last-admin rule must not stand in the way of demoting the others
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('sessions', () => {
  it('refuses a token minted before a password change (as the users CLI makes it)', async () => {
    const alice = await newUser();
    const { session } = await signIn(alice.email, PASSWORD);
    expect(await whoIs(session)).toBe(alice.id);
    await users.setUserPassword(alice.id, await hashPassword('a new password'));
    expect(await whoIs(session)).toBeNull();
    // The new password opens a new session.
    expect(await whoIs((await signIn(alice.email, 'a new password')).session)).toBe(alice.id);
  });

  it('ends sessions on a role change, on disabling and on removal', async () => {
    const bob = await newUser();
    const first = (await signIn(bob.email, PASSWORD)).session;
    await users.setUserRole(bob.id, 'viewer');
    expect(await whoIs(first)).toBeNull();

    const second = (await signIn(bob.email, PASSWORD)).session;
    expect(await whoIs(second)).toBe(bob.id);
    await users.setUserDisabled(bob.id, true);
    expect(await whoIs(second)).toBeNull();
    // A disabled account cannot sign in again, even with the right password.
    expect(await signIn(bob.email, PASSWORD)).toMatchObject({ session: undefined, code: 'disabled' });

    await users.setUserDisabled(bob.id, false);
    const third = (await signIn(bob.email, PASSWORD)).session;
    expect(await whoIs(third)).toBe(bob.id);
    await users.removeUser(bob.id);
    expect(await whoIs(third)).toBeNull();
  });

  it('notes when each user last signed in, and only on a sign-in', async () => {
    const frank = await newUser();
    expect((await users.findUserById(frank.id))?.last_sign_in_at).toBeNull();
    const before = Date.now();
    const session = (await signIn(frank.email, PASSWORD)).session;
    const first = (await users.findUserById(frank.id))?.last_sign_in_at ?? 0;
    expect(first).toBeGreaterThanOrEqual(before);
    // Using the session is not signing in, and noting the time does not end the session.
    expect(await whoIs(session)).toBe(frank.id);
    expect((await users.findUserById(frank.id))?.last_sign_in_at).toBe(first);
    await signIn(frank.email, 'wrong password');
    expect((await users.findUserById(frank.id))?.last_sign_in_at).toBe(first);
  });

  it('signs out one session with sign-out, and all of them with sign-out everywhere', async () => {
    const carol = await newUser();
    const laptop = (await signIn(carol.email, PASSWORD)).session ?? '';
    const phone = (await signIn(carol.email, PASSWORD)).session ?? '';
    const tablet = (await signIn(carol.email, PASSWORD)).session ?? '';
    await signOut(laptop);
    expect(await whoIs(laptop)).toBeNull();
    expect(await whoIs(phone)).toBe(carol.id);
    expect(await endAllSessions(carol.id)).toBe(2);
    expect(await whoIs(phone)).toBeNull();
    expect(await whoIs(tablet)).toBeNull();
  });

  it('refuses tokens that name no session (minted before sessions were recorded)', async () => {
    const { encode } = await import('next-auth/jwt');
    const dave = await newUser();
    const legacy = await encode({
      token: { sub: dave.id, role: 'uploader' },
      secret: 'x'.repeat(32),
      salt: 'authjs.session-token',
    });
    expect(await whoIs(`authjs.session-token=${legacy}`)).toBeNull();
  });
});

describe('sign-in limits through Auth.js', () => {
  it('slows one address guessing, not the owner from elsewhere, and logs one quiet line', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const erin = await newUser();
    for (let i = 0; i < 5; i++) {
      expect(await signIn(erin.email, 'wrong password', '198.51.100.66')).toMatchObject({
        session: undefined,
        error: 'CredentialsSignin',
        code: 'credentials',
      });
    }
    // The sixth try is not even checked, right password or not.
    expect(await signIn(erin.email, PASSWORD, '198.51.100.66')).toMatchObject({ code: 'rate_limited' });
    // The owner, from their own address, signs in at once.
    expect(await whoIs((await signIn(erin.email, PASSWORD, '192.0.2.1')).session)).toBe(erin.id);
    // No stack traces, one line for the whole burst.
    expect(errors).not.toHaveBeenCalled();
    expect(warnings).toHaveBeenCalledTimes(1);
    expect(String(warnings.mock.calls[0]?.[0])).toMatch(
      /failed sign-in for person\d+@example\.com from 198\.51\.100\.66/,
    );
    // And one audit entry for the burst, naming the account and the address.
    const { getDb } = await import('@/lib/db/index');
    const entries = await (await getDb())
      .selectFrom('audit_log')
      .select(['actor_id', 'target', 'ip', 'detail'])
      .where('action', '=', 'auth.sign_in_failed')
      .where('target', '=', erin.id)
      .execute();
    expect(entries).toEqual([
      { actor_id: null, target: erin.id, ip: '198.51.100.66', detail: JSON.stringify({ email: erin.email }) },
    ]);
  });
});
