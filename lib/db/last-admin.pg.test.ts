/** Disabling under real concurrency on PostgreSQL, where each statement counts admins in its own snapshot. */
import { describe, expect, it } from 'vitest';
import { freshStore, openTestDb } from '@/test/helpers/db';
import { holdLock, lockWaiters } from '@/test/helpers/pg-locks';
import { countAdmins, createUser, setUserDisabled, setUserRole } from './users';

async function twoAdmins() {
  const where = await freshStore();
  if (where.engine !== 'postgres') throw new Error('a PostgreSQL test');
  const db = await openTestDb(where);
  const a = await createUser({ email: 'a@example.com', passwordHash: null, role: 'admin' }, db);
  const b = await createUser({ email: 'b@example.com', passwordHash: null, role: 'admin' }, db);
  return { url: where.url, db, a, b };
}

describe('the last active admin on PostgreSQL', () => {
  it('stays when two admins disable each other at the same moment', async () => {
    const { url, db, a, b } = await twoAdmins();
    const blocker = await holdLock(url, "SELECT id FROM users WHERE role = 'admin' FOR UPDATE");
    const changes = Promise.all([setUserDisabled(a.id, true, db), setUserDisabled(b.id, true, db)]);
    await lockWaiters(url, 2);
    await blocker.release();
    expect((await changes).filter(Boolean)).toHaveLength(1);
    expect(await countAdmins(db)).toBe(1);
  });

  it('stays when one admin is disabled while the other is demoted', async () => {
    const { url, db, a, b } = await twoAdmins();
    const blocker = await holdLock(url, "SELECT id FROM users WHERE role = 'admin' FOR UPDATE");
    const changes = Promise.all([setUserDisabled(a.id, true, db), setUserRole(b.id, 'viewer', db)]);
    await lockWaiters(url, 2);
    await blocker.release();
    expect((await changes).filter(Boolean)).toHaveLength(1);
    expect(await countAdmins(db)).toBe(1);
  });
});
