/**
 * Changing one's password asks for the current one: the guesses a session can make at it are
 * limited like sign-ins (in the shared store), checked before Argon2 runs, and each wrong one is audited.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stubAppEnv } from '@/test/helpers/app-env';

vi.mock('@/lib/auth/session', () => import('@/test/helpers/session'));
vi.mock('next/headers', () => import('@/test/helpers/next-headers'));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
// Auth.js cannot run here; the sign-in after a change is not what this test is about.
vi.mock('@/lib/auth/config', () => ({ signIn: vi.fn() }));
vi.mock('@/lib/auth/password', async (real) => {
  const actual = await real<typeof import('@/lib/auth/password')>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});
stubAppEnv();
vi.stubEnv('PIXVAULT_TRUSTED_PROXIES', '127.0.0.1');

const { setRequestHeaders } = await import('@/test/helpers/next-headers');
const { signInAs } = await import('@/test/helpers/session');
const { hashPassword, verifyPassword } = await import('@/lib/auth/password');
const { createUser, findUserById } = await import('@/lib/db/users');
const { getDb } = await import('@/lib/db/index');
const { changePasswordAction } = await import('./actions');

const T0 = Date.UTC(2026, 0, 1);
function form(current: string, password = 'a brand new password'): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries({ current, password, confirm: password })) f.set(k, v);
  return f;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
  setRequestHeaders({ 'x-forwarded-for': '203.0.113.9, 127.0.0.1' });
});
afterEach(() => vi.useRealTimers());

describe('changePasswordAction', () => {
  it('stops guessing the current password: limited like sign-in, before Argon2, and audited', async () => {
    const user = await createUser({
      email: 'guessed@example.com',
      passwordHash: await hashPassword('the real password'),
      role: 'uploader',
    });
    signInAs({ id: user.id, email: user.email, role: 'uploader' });

    let wrong = 0;
    for (;;) {
      const state = await changePasswordAction({}, form(`guess ${wrong}`));
      if (state.error !== 'The current password is not correct.') {
        expect(state.error).toMatch(/^Too many attempts; try again in \d+ minutes?\.$/);
        break;
      }
      wrong++;
      expect(wrong).toBeLessThanOrEqual(10);
    }
    expect(wrong).toBeGreaterThanOrEqual(3);

    // Limited: even the right password is refused, and Argon2 does not run.
    vi.mocked(verifyPassword).mockClear();
    const refused = await changePasswordAction({}, form('the real password'));
    expect(refused.error).toMatch(/^Too many attempts/);
    expect(verifyPassword).not.toHaveBeenCalled();
    expect(await verifyPassword((await findUserById(user.id))?.password_hash ?? '', 'the real password')).toBe(true);

    const failures = await (await getDb())
      .selectFrom('audit_log')
      .select(['actor_id', 'ip'])
      .where('action', '=', 'auth.password_check_failed')
      .where('target', '=', user.id)
      .execute();
    expect(failures).toHaveLength(wrong);
    expect(failures[0]).toEqual({ actor_id: user.id, ip: '203.0.113.9' });

    // Once the wait is over, the right password changes it.
    vi.setSystemTime(T0 + 60 * 60_000);
    expect(await changePasswordAction({}, form('the real password'))).toEqual({});
    expect(await verifyPassword((await findUserById(user.id))?.password_hash ?? '', 'a brand new password')).toBe(true);
  });
});
