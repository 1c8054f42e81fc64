/** The admin check for each kind of entry point: pages get /sign-in or a 403 page, APIs 401/403, actions a refusal. */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/api/errors';

vi.mock('server-only', () => ({}));
vi.mock('@/lib/auth/session', () => import('@/test/helpers/session'));
// What `experimental.authInterrupts` in next.config.mjs sets for the server; forbidden() needs it.
vi.stubEnv('__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS', 'true');

const { signInAs } = await import('@/test/helpers/session');
const { asAdmin, assertAdmin, requireAdmin, requireAdminPage } = await import('./guard');

const admin = { id: 'u-admin', email: 'a@example.com', role: 'admin' as const };
const uploader = { id: 'u-up', email: 'u@example.com', role: 'uploader' as const };
const viewer = { id: 'u-view', email: 'v@example.com', role: 'viewer' as const };

/** The digest Next reads from a thrown interrupt (redirect, forbidden), or the error itself. */
async function interrupt(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (err) {
    return (err as { digest?: string }).digest ?? err;
  }
  return 'returned';
}

beforeAll(() => signInAs(null));

describe('requireAdminPage', () => {
  it('sends the signed-out to sign in and answers everyone below admin with the 403 page', async () => {
    signInAs(null);
    expect(await interrupt(requireAdminPage)).toMatch(/^NEXT_REDIRECT;replace;\/sign-in;307;/);
    for (const who of [uploader, viewer]) {
      signInAs(who);
      expect(await interrupt(requireAdminPage)).toBe('NEXT_HTTP_ERROR_FALLBACK;403');
    }
    signInAs(admin);
    expect(await requireAdminPage()).toMatchObject({ id: admin.id, role: 'admin' });
  });
});

describe('requireAdmin (route handlers)', () => {
  it('throws 401 signed out and 403 "Admins only" below admin', async () => {
    signInAs(null);
    await expect(requireAdmin()).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    signInAs(uploader);
    await expect(requireAdmin()).rejects.toMatchObject({ status: 403, code: 'forbidden', message: /^Admins only/ });
    signInAs(admin);
    expect((await requireAdmin()).id).toBe(admin.id);
  });

  it('assertAdmin checks an actor passed down to the data functions', () => {
    expect(() => assertAdmin(uploader)).toThrow(ApiError);
    expect(() => assertAdmin(admin)).not.toThrow();
  });
});

describe('asAdmin (server actions)', () => {
  it('returns a refusal without running the work for anyone but an admin', async () => {
    const work = vi.fn(async () => ({ ok: 'done' }));
    signInAs(null);
    expect(await asAdmin(work)).toEqual({ error: 'Sign in to continue.' });
    signInAs(viewer);
    expect(await asAdmin(work)).toEqual({ error: expect.stringMatching(/^Admins only/) });
    expect(work).not.toHaveBeenCalled();
  });

  it('runs the work for an admin; an ApiError from it is a refusal, anything else still throws', async () => {
    signInAs(admin);
    expect(await asAdmin(async (a) => ({ ok: a.id }))).toEqual({ ok: admin.id });
    expect(
      await asAdmin(async () => {
        throw new ApiError(400, 'bad', 'Bad input.');
      }),
    ).toEqual({ error: 'Bad input.' });
    await expect(
      asAdmin(async () => {
        throw new Error('disk on fire');
      }),
    ).rejects.toThrow('disk on fire');
  });
});
