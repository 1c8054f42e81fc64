import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAppDb } from './index';
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
  setUserRole,
  UserRuleError,
} from './users';

const fresh = () => openAppDb(path.join(mkdtempSync(path.join(tmpdir(), 'pixvault-users-')), 'app.db'));

describe('users', () => {
  it('creates the first admin only once, even when asked twice', () => {
    const db = fresh();
    expect(createFirstAdmin({ email: 'a@example.com', passwordHash: 'h' }, db)?.role).toBe('admin');
    expect(createFirstAdmin({ email: 'b@example.com', passwordHash: 'h' }, db)).toBeNull();
  });

  it('treats emails case-insensitively and refuses duplicates', () => {
    const db = fresh();
    createUser({ email: 'Mixed@Example.com', passwordHash: null, role: 'viewer' }, db);
    expect(findUserByEmail('mixed@EXAMPLE.com', db)?.email).toBe('mixed@example.com');
    expect(() => createUser({ email: 'MIXED@example.com', passwordHash: null, role: 'viewer' }, db)).toThrow(
      DuplicateEmailError,
    );
  });

  it('never lets the last admin be demoted or removed, whatever the caller checked before', () => {
    const db = fresh();
    const a = createUser({ email: 'a@example.com', passwordHash: null, role: 'admin' }, db);
    const b = createUser({ email: 'b@example.com', passwordHash: null, role: 'admin' }, db);
    // Two admins each demote the other "at once": only the first can succeed.
    expect(setUserRole(a.id, 'viewer', db)).toBe(true);
    expect(setUserRole(b.id, 'viewer', db)).toBe(false);
    expect(removeUser(b.id, db)).toBe(false);
    expect(countAdmins(db)).toBe(1);
    expect(setUserRole(a.id, 'admin', db)).toBe(true);
    expect(removeUser(b.id, db)).toBe(true);
  });
});

describe('user rules', () => {
  it('adds users only with a password of the one minimum length, hashed and audited', async () => {
    const db = fresh();
    await expect(
      addUser(null, { email: 'short@example.com', password: 'x'.repeat(7), role: 'viewer' }, db),
    ).rejects.toThrow(UserRuleError);
    expect(findUserByEmail('short@example.com', db)).toBeUndefined();
    const user = await addUser(null, { email: ' New@Example.com', password: 'x'.repeat(8), role: 'uploader' }, db);
    expect(user).toMatchObject({ email: 'new@example.com', role: 'uploader' });
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    const actions = db.prepare('SELECT action FROM audit_log WHERE target = ?').all(user.id);
    expect(actions).toEqual([{ action: 'user.created' }]);
  });

  it('changes roles and passwords with the same rules, and says why when it refuses', async () => {
    const db = fresh();
    const admin = createUser({ email: 'a@example.com', passwordHash: null, role: 'admin' }, db);
    expect(() => changeRole(null, admin.id, 'viewer', db)).toThrow('This is the last admin');
    expect(() => changeRole(null, 'nobody', 'viewer', db)).toThrow('No such user');
    await expect(changePassword(null, admin.id, 'short', db)).rejects.toThrow('at least 8 characters');
    await changePassword(null, admin.id, 'long enough', db);
    expect(findUserById(admin.id, db)?.password_hash).toMatch(/^\$argon2id\$/);
    expect(() => assertRemovable(admin.id, db)).toThrow('The last admin cannot be removed');
  });
});

describe('disabled accounts', () => {
  it('are found by id only while active', () => {
    const db = fresh();
    const user = createUser({ email: 'd@example.com', passwordHash: null, role: 'viewer' }, db);
    expect(findActiveUserById(user.id, db)?.disabled_at).toBeNull();
    db.prepare('UPDATE users SET disabled_at = 1 WHERE id = ?').run(user.id);
    expect(findActiveUserById(user.id, db)).toBeUndefined();
    expect(findUserById(user.id, db)?.disabled_at).toBe(1);
  });
});
