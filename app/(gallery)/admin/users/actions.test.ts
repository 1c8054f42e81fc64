/** The users page's server actions answer anyone who is not an admin with a refusal, never a 500, and change nothing. */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Role } from '@/lib/auth/roles';
import { stubAppEnv } from '@/test/helpers/app-env';

// `server-only` throws outside React's server build; this test is the server.
vi.mock('server-only', () => ({}));
vi.mock('@/lib/auth/session', () => import('@/test/helpers/session'));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
stubAppEnv();

const { signInAs } = await import('@/test/helpers/session');
const { createUser, findUserByEmail, findUserById } = await import('@/lib/db/users');
const { listPendingInvites } = await import('@/lib/db/invites');
const actions = await import('./actions');

type Person = { id: string; email: string; role: Role };
const add = async (email: string, role: Role): Promise<Person> => ({
  id: (await createUser({ email, passwordHash: null, role })).id,
  email,
  role,
});
let admin: Person;
let uploader: Person;
let viewer: Person;

beforeAll(async () => {
  admin = await add('admin@example.com', 'admin');
  uploader = await add('uploader@example.com', 'uploader');
  viewer = await add('viewer@example.com', 'viewer');
});

const formOf = (fields: Record<string, string>) => {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return form;
};
const newUserForm = (email: string) => formOf({ email, name: '', password: 'long enough', role: 'admin' });

describe('admin server actions', () => {
  it('refuse uploaders and viewers with an error state and change nothing', async () => {
    for (const who of [uploader, viewer]) {
      signInAs(who);
      const refusal = { error: 'Admins only: this needs the admin role.' };
      expect(await actions.addUserAction({}, newUserForm(`sneaky-${who.role}@example.com`))).toEqual(refusal);
      expect(await actions.changeRoleAction(who.id, 'admin')).toEqual(refusal);
      expect(await actions.removeUserAction(admin.id)).toEqual(refusal);
      expect(await actions.resetPasswordAction(admin.id, 'a new password')).toEqual(refusal);
      expect(await actions.setDisabledAction(admin.id, true)).toEqual(refusal);
      const invite = formOf({ email: `invited-by-${who.role}@example.com`, role: 'admin' });
      expect(await actions.createInviteAction({}, invite)).toEqual(refusal);
      expect(await findUserByEmail(`sneaky-${who.role}@example.com`)).toBeUndefined();
      expect((await findUserById(who.id))?.role).toBe(who.role);
      expect(await findUserById(admin.id)).toMatchObject({ password_hash: null, disabled_at: null });
      expect(await listPendingInvites()).toEqual([]);
    }
  });

  it('refuse the signed-out the same way', async () => {
    signInAs(null);
    expect(await actions.changeRoleAction(viewer.id, 'admin')).toEqual({ error: 'Sign in to continue.' });
    expect(await actions.revokeInviteAction('some-invite')).toEqual({ error: 'Sign in to continue.' });
  });

  it('let an admin act, with the shared rules and messages', async () => {
    signInAs(admin);
    expect(await actions.addUserAction({}, newUserForm('New@Example.com'))).toEqual({
      ok: 'Added new@example.com as admin.',
    });
    const short = newUserForm('short@example.com');
    short.set('password', 'short');
    expect(await actions.addUserAction({}, short)).toEqual({ error: 'The password needs at least 8 characters.' });
    expect(await actions.changeRoleAction(viewer.id, 'root')).toEqual({ error: 'Unknown role.' });
    expect(await actions.changeRoleAction(viewer.id, 'uploader')).toEqual({ ok: 'Role changed.' });
    expect(await actions.setDisabledAction(admin.id, true)).toEqual({ error: 'You cannot disable your own account.' });
    expect(await actions.removeUserAction(viewer.id)).toEqual({ ok: 'User removed with 0 image(s).' });
  });

  it('refuse arguments that are not ids, plainly', async () => {
    signInAs(admin);
    const notAnId = { id: 'x' } as unknown as string;
    expect(await actions.setDisabledAction(notAnId, true)).toEqual({ error: 'No such user.' });
    expect(await actions.resetPasswordAction('nobody', 'long enough')).toEqual({ error: 'No such user.' });
  });

  it('create an invite once per email, shown once, and revoke it', async () => {
    signInAs(admin);
    const made = await actions.createInviteAction({}, formOf({ email: 'Guest@Example.com', role: 'uploader' }));
    expect(made.invite).toMatchObject({ email: 'guest@example.com', role: 'uploader' });
    expect(made.invite?.path).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);
    const [pending] = await listPendingInvites();
    // Only the hash is kept: the token in the link is nowhere in the row.
    expect(JSON.stringify(pending)).not.toContain(made.invite?.path.slice('/invite/'.length));
    expect(await actions.createInviteAction({}, formOf({ email: 'admin@example.com', role: 'viewer' }))).toEqual({
      error: 'admin@example.com already has an account.',
    });
    expect(await actions.createInviteAction({}, formOf({ email: 'not an email', role: 'viewer' }))).toEqual({
      error: 'Enter a valid email address.',
    });
    expect(await actions.revokeInviteAction(pending?.id ?? '')).toEqual({
      ok: 'The invite for guest@example.com was revoked; its link no longer works.',
    });
    expect(await actions.revokeInviteAction(pending?.id ?? '')).toEqual({
      error: 'That invite is no longer pending (used, revoked or expired).',
    });
  });
});
