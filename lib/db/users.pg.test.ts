/** The last-admin rule under real concurrency on PostgreSQL, where each statement counts in its own snapshot. */
import { describe, expect, it } from 'vitest';
import { freshStore, openTestDb } from '@/test/helpers/db';
import { holdLock, lockWaiters } from '@/test/helpers/pg-locks';
import { countAdmins, createUser, removeUser, setUserRole } from './users';

async function twoAdmins() {
  const where = await freshStore();
  if (where.engine !== 'postgres') throw new Error('a PostgreSQL test');
  const db = await openTestDb(where);
  const a = await createUser({ email: 'a@example.com', passwordHash: null, role: 'admin' }, db);
  const b = await createUser({ email: 'b@example.com', passwordHash: null, role: 'admin' }, db);
  return { url: where.url, db, a, b };
}

describe('the last admin on PostgreSQL', () => {
  it('stays when two admins demote each other at the same moment', async () => {
    const { url, db, a, b } = await twoAdmins();
    const blocker = await holdLock(url, "SELECT id FROM users WHERE role = 'admin' FOR UPDATE");
    const demotions = Promise.all([setUserRole(a.id, 'viewer', db), setUserRole(b.id, 'viewer', db)]);
    await lockWaiters(url, 2);
    await blocker.release();
    expect((await demotions).filter(Boolean)).toHaveLength(1);
    expect(await countAdmins(db)).toBe(1);
  });

  it('stays when one admin is removed while the other is demoted', async () => {
    const { url, db, a, b } = await twoAdmins();
    const blocker = await holdLock(url, "SELECT id FROM users WHERE role = 'admin' FOR UPDATE");
    const changes = Promise.all([removeUser(a.id, db), setUserRole(b.id, 'uploader', db)]);
    await lockWaiters(url, 2);
    await blocker.release();
    expect((await changes).filter(Boolean)).toHaveLength(1);
    expect(await countAdmins(db)).toBe(1);
  });
});
