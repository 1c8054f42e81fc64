/**
 * The last-admin rule for every change that can take an admin away — demotion, disabling, removal —
 * counting only active admins, and a removal that gives the images away undone as a whole when refused.
 */
import { describe, expect, it } from 'vitest';
import { freshDb } from '@/test/helpers/db';
import { insertPendingImage } from './images';
import {
  assertRemovable,
  countAdmins,
  createUser,
  findUserById,
  removeUser,
  setUserDisabled,
  setUserRole,
} from './users';

type Db = Awaited<ReturnType<typeof freshDb>>;
const person = (db: Db, email: string, role: 'admin' | 'uploader' | 'viewer') =>
  createUser({ email, passwordHash: null, role }, db);

describe('the last active admin', () => {
  it('cannot be disabled, demoted or removed; the others can', async () => {
    const db = await freshDb();
    const a = await person(db, 'a@example.com', 'admin');
    const b = await person(db, 'b@example.com', 'admin');
    expect(await setUserDisabled(b.id, true, db)).toBe(true);
    expect(await countAdmins(db)).toBe(1);
    // `a` is the only admin who can act now: every way of taking them away is refused.
    expect(await setUserDisabled(a.id, true, db)).toBe(false);
    expect(await setUserRole(a.id, 'viewer', db)).toBe(false);
    expect(await removeUser(a.id, db)).toBe(false);
    await expect(assertRemovable(a.id, db)).rejects.toThrow('The last admin cannot be removed');
    expect(await findUserById(a.id, db)).toMatchObject({ role: 'admin', disabled_at: null });
    // A disabled admin is not the last one: it may be demoted or removed.
    expect(await setUserRole(b.id, 'uploader', db)).toBe(true);
    expect(await removeUser(b.id, db)).toBe(true);
  });

  it('can be disabled once another admin is active, and enabling needs no rule', async () => {
    const db = await freshDb();
    const a = await person(db, 'a@example.com', 'admin');
    const b = await person(db, 'b@example.com', 'admin');
    expect(await setUserDisabled(a.id, true, db)).toBe(true);
    const first = (await findUserById(a.id, db))?.disabled_at;
    // Disabling again keeps the first time.
    expect(await setUserDisabled(a.id, true, db)).toBe(true);
    expect((await findUserById(a.id, db))?.disabled_at).toBe(first);
    expect(await setUserDisabled(b.id, true, db)).toBe(false);
    expect(await setUserDisabled(a.id, false, db)).toBe(true);
    expect(await setUserDisabled(b.id, true, db)).toBe(true);
    expect(await setUserDisabled('nobody', false, db)).toBe(false);
  });

  it('keeps one active admin when two disable each other at the same moment', async () => {
    const db = await freshDb();
    const a = await person(db, 'a@example.com', 'admin');
    const b = await person(db, 'b@example.com', 'admin');
    const results = await Promise.all([setUserDisabled(a.id, true, db), setUserDisabled(b.id, true, db)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await countAdmins(db)).toBe(1);
  });
});

describe('removal with the images given away', () => {
  it('moves every image to the new owner in the same step', async () => {
    const db = await freshDb();
    const leaver = await person(db, 'leaver@example.com', 'uploader');
    const heir = await person(db, 'heir@example.com', 'uploader');
    for (const id of ['i1', 'i2']) {
      await insertPendingImage({ recordId: id, ownerId: leaver.id, title: id, filename: `${id}.jpg` }, db);
    }
    expect(await removeUser(leaver.id, db, { transferTo: heir.id })).toBe(true);
    const owners = await db.selectFrom('images').select(['id', 'owner_id']).orderBy('id').execute();
    expect(owners).toEqual([
      { id: 'i1', owner_id: heir.id },
      { id: 'i2', owner_id: heir.id },
    ]);
    expect(await findUserById(leaver.id, db)).toBeUndefined();
  });

  it('leaves every image with its owner when the removal is refused', async () => {
    const db = await freshDb();
    const admin = await person(db, 'admin@example.com', 'admin');
    const heir = await person(db, 'heir@example.com', 'uploader');
    await insertPendingImage({ recordId: 'kept', ownerId: admin.id, title: 'kept', filename: 'kept.jpg' }, db);
    expect(await removeUser(admin.id, db, { transferTo: heir.id })).toBe(false);
    expect(await db.selectFrom('images').select('owner_id').executeTakeFirst()).toEqual({ owner_id: admin.id });
  });
});
