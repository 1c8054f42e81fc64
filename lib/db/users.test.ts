import { describe, expect, it } from 'vitest';
import { freshDb } from '@/test/helpers/db';
import {
  addUser,
  assertRemovable,
  changePassword,
  changeRole,
  countAdmins,
  createFirstAdmin,
  createUser,
  DuplicateEmailError,
  findActiveUserById,
  findUserByEmail,
  findUserById,
  removeUser,
  setUserDisabled,
  setUserRole,
  UserRuleError,
} from './users';

describe('users', () => {
  it('creates the first admin only once, even when asked twice at the same moment', async () => {
    const db = await freshDb();
    const [a, b] = await Promise.all([
      createFirstAdmin({ email: 'a@example.com', passwordHash: 'h' }, db),
      createFirstAdmin({ email: 'b@example.com', passwordHash: 'h' }, db),
    ]);
    expect([a?.role, b?.role].sort()).toEqual(['admin', undefined]);
    expect(await createFirstAdmin({ email: 'c@example.com', passwordHash: 'h' }, db)).toBeNull();
  });

  it('treats emails case-insensitively and refuses duplicates', async () => {
    const db = await freshDb();
    await createUser({ email: 'Mixed@Example.com', passwordHash: null, role: 'viewer' }, db);
    expect((await findUserByEmail('mixed@EXAMPLE.com', db))?.email).toBe('mixed@example.com');
    await expect(createUser({ email: 'MIXED@example.com', passwordHash: null, role: 'viewer' }, db)).rejects.toThrow(
      DuplicateEmailError,
    );
  });

  it('keeps emails unique case-insensitively in the database itself, whatever wrote them', async () => {
    const db = await freshDb();
    const row = { name: null, password_hash: null, role: 'viewer' as const, created_at: 1 };
    await db
      .insertInto('users')
      .values({ ...row, id: 'u1', email: 'Raw@Example.com' })
      .execute();
    await expect(
      db
        .insertInto('users')
        .values({ ...row, id: 'u2', email: 'raw@example.COM' })
        .execute(),
    ).rejects.toThrow();
    expect((await findUserByEmail('RAW@example.com', db))?.id).toBe('u1');
  });

  it('never lets the last admin be demoted or removed, whatever the caller checked before', async () => {
    const db = await freshDb();
    const a = await createUser({ email: 'a@example.com', passwordHash: null, role: 'admin' }, db);
    const b = await createUser({ email: 'b@example.com', passwordHash: null, role: 'admin' }, db);
    // Two admins each demote the other: only the first can succeed.
    expect(await setUserRole(a.id, 'viewer', db)).toBe(true);
    expect(await setUserRole(b.id, 'viewer', db)).toBe(false);
    expect(await removeUser(b.id, db)).toBe(false);
    expect(await countAdmins(db)).toBe(1);
    expect(await setUserRole(a.id, 'admin', db)).toBe(true);
    expect(await removeUser(b.id, db)).toBe(true);
  });

  it('keeps one admin when two demote each other at the same moment', async () => {
    const db = await freshDb();
    const a = await createUser({ email: 'a@example.com', passwordHash: null, role: 'admin' }, db);
    const b = await createUser({ email: 'b@example.com', passwordHash: null, role: 'admin' }, db);
    const results = await Promise.all([setUserRole(a.id, 'viewer', db), setUserRole(b.id, 'viewer', db)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await countAdmins(db)).toBe(1);
  });
});

describe('user rules', () => {
  it('adds users only with a password of the one minimum length, hashed and audited', async () => {
    const db = await freshDb();
    await expect(
      addUser(null, { email: 'short@example.com', password: 'x'.repeat(7), role: 'viewer' }, db),
    ).rejects.toThrow(UserRuleError);
    expect(await findUserByEmail('short@example.com', db)).toBeUndefined();
    const user = await addUser(null, { email: ' New@Example.com', password: 'x'.repeat(8), role: 'uploader' }, db);
    expect(user).toMatchObject({ email: 'new@example.com', role: 'uploader' });
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    const actions = await db.selectFrom('audit_log').select('action').where('target', '=', user.id).execute();
    expect(actions).toEqual([{ action: 'user.created' }]);
  });

  it('changes roles and passwords with the same rules, and says why when it refuses', async () => {
    const db = await freshDb();
    const admin = await createUser({ email: 'a@example.com', passwordHash: null, role: 'admin' }, db);
    await expect(changeRole(null, admin.id, 'viewer', db)).rejects.toThrow('This is the last admin');
    await expect(changeRole(null, 'nobody', 'viewer', db)).rejects.toThrow('No such user');
    await expect(changePassword(null, admin.id, 'short', db)).rejects.toThrow('at least 8 characters');
    await changePassword(null, admin.id, 'long enough', db);
    expect((await findUserById(admin.id, db))?.password_hash).toMatch(/^\$argon2id\$/);
    await expect(assertRemovable(admin.id, db)).rejects.toThrow('The last admin cannot be removed');
  });
});

describe('disabled accounts', () => {
  it('are found by id only while active', async () => {
    const db = await freshDb();
    const user = await createUser({ email: 'd@example.com', passwordHash: null, role: 'viewer' }, db);
    expect((await findActiveUserById(user.id, db))?.disabled_at).toBeNull();
    expect(await setUserDisabled(user.id, true, db)).toBe(true);
    expect(await findActiveUserById(user.id, db)).toBeUndefined();
    expect((await findUserById(user.id, db))?.disabled_at).toEqual(expect.any(Number));
  });
});
