/**
 * What an admin does to accounts: a password reset and disabling end every session of the user (the
 * database trigger, checked here through the session store every request asks), the last active
 * admin stays, and removal gives the images away or deletes them.
 */
import { describe, expect, it, vi } from 'vitest';
import { stubAppEnv } from '@/test/helpers/app-env';

// `server-only` throws outside React's server build; this test is the server.
vi.mock('server-only', () => ({}));
stubAppEnv();

const { resetPassword, setDisabled, removeUserFor } = await import('./users');
const { createSession, touchSession } = await import('@/lib/auth/session-store');
const { verifyPassword } = await import('@/lib/auth/password');
const { createUser, findUserById } = await import('@/lib/db/users');
const { insertPendingImage } = await import('@/lib/db/images');
const { getDb } = await import('@/lib/db/index');

let n = 0;
const person = async (role: 'admin' | 'uploader' | 'viewer') => {
  const user = await createUser({ email: `${role}${++n}@example.com`, passwordHash: null, role });
  return { id: user.id, email: user.email, role };
};
const actionsOn = async (target: string) =>
  (
    await (await getDb()).selectFrom('audit_log').select('action').where('target', '=', target).orderBy('id').execute()
  ).map((r) => r.action);

describe('password reset', () => {
  it('sets the new password and ends every session of the user', async () => {
    const admin = await person('admin');
    const bob = await person('uploader');
    const laptop = await createSession(bob.id);
    const phone = await createSession(bob.id);
    await resetPassword(admin, bob.id, 'brand new password');
    expect(await touchSession(laptop, bob.id)).toBe(false);
    expect(await touchSession(phone, bob.id)).toBe(false);
    expect(await verifyPassword((await findUserById(bob.id))?.password_hash ?? '', 'brand new password')).toBe(true);
    expect(await actionsOn(bob.id)).toEqual(['user.password_reset']);
  });

  it('refuses a short password and an unknown user, changing nothing', async () => {
    const admin = await person('admin');
    const bob = await person('uploader');
    const session = await createSession(bob.id);
    await expect(resetPassword(admin, bob.id, 'short')).rejects.toThrow('at least 8 characters');
    await expect(resetPassword(admin, 'nobody', 'long enough')).rejects.toThrow('No such user');
    expect(await touchSession(session, bob.id)).toBe(true);
    expect(await actionsOn(bob.id)).toEqual([]);
  });

  it('is for admins only, checked next to the data', async () => {
    const uploader = await person('uploader');
    await expect(resetPassword(uploader, uploader.id, 'long enough')).rejects.toThrow('Admins only');
  });
});

describe('disabling', () => {
  it('ends the user’s sessions at their next request, until enabled again', async () => {
    const admin = await person('admin');
    const bob = await person('viewer');
    const session = await createSession(bob.id);
    expect(await touchSession(session, bob.id)).toBe(true);
    await setDisabled(admin, bob.id, true);
    expect(await touchSession(session, bob.id)).toBe(false);
    await setDisabled(admin, bob.id, false);
    expect(await touchSession(await createSession(bob.id), bob.id)).toBe(true);
    expect(await actionsOn(bob.id)).toEqual(['user.disabled', 'user.enabled']);
  });

  it('never disables the admin doing it, nor the last active admin', async () => {
    const admin = await person('admin');
    await expect(setDisabled(admin, admin.id, true)).rejects.toThrow('You cannot disable your own account.');
    // Every other admin disabled: the one left is the last active admin, whoever asks.
    const db = await getDb();
    await db
      .updateTable('users')
      .set({ disabled_at: 1 })
      .where('role', '=', 'admin')
      .where('id', '<>', admin.id)
      .execute();
    const other = await person('admin');
    await setDisabled(admin, other.id, true);
    await expect(setDisabled(other, admin.id, true)).rejects.toThrow('last active admin');
    expect((await findUserById(admin.id))?.disabled_at).toBeNull();
  });
});

describe('removal', () => {
  it('gives every image to the chosen uploader and removes the user', async () => {
    const admin = await person('admin');
    const leaver = await person('uploader');
    const heir = await person('uploader');
    await insertPendingImage({ recordId: `img-${leaver.id}`, ownerId: leaver.id, title: 't', filename: 't.jpg' });
    expect(await removeUserFor(admin, leaver.id, { images: 'transfer', to: heir.id })).toBe(1);
    expect(await findUserById(leaver.id)).toBeUndefined();
    const db = await getDb();
    expect(
      await db.selectFrom('images').select('owner_id').where('id', '=', `img-${leaver.id}`).executeTakeFirst(),
    ).toEqual({
      owner_id: heir.id,
    });
    expect(await actionsOn(leaver.id)).toEqual(['images.transferred', 'user.removed']);
  });

  it('refuses a recipient who cannot own images, or the user themselves, keeping everyone', async () => {
    const admin = await person('admin');
    const leaver = await person('uploader');
    const viewer = await person('viewer');
    await expect(removeUserFor(admin, leaver.id, { images: 'transfer', to: viewer.id })).rejects.toThrow(
      'must be an uploader or an admin',
    );
    await expect(removeUserFor(admin, leaver.id, { images: 'transfer', to: leaver.id })).rejects.toThrow(
      'Choose another user',
    );
    expect(await findUserById(leaver.id)).toBeDefined();
  });

  it('deletes the user when asked to delete their (no) images', async () => {
    const admin = await person('admin');
    const leaver = await person('viewer');
    expect(await removeUserFor(admin, leaver.id, { images: 'delete' })).toBe(0);
    expect(await findUserById(leaver.id)).toBeUndefined();
  });
});
