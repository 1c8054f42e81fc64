import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAppDb } from './index';
import {
  countAdmins,
  createFirstAdmin,
  createUser,
  DuplicateEmailError,
  findUserByEmail,
  removeUser,
  setUserRole,
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
