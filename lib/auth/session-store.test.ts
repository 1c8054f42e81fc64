import { describe, expect, it } from 'vitest';
import type { AppDb } from '@/lib/db/index';
import { setUserDisabled } from '@/lib/db/users';
import { freshDb } from '@/test/helpers/db';
import { createSession, endAllSessions, endSession, touchSession } from './session-store';

const DAY = 24 * 60 * 60_000;
const T0 = 1_700_000_000_000;

async function setup(): Promise<AppDb> {
  const db = await freshDb();
  await db
    .insertInto('users')
    .values(
      ['u1', 'u2'].map((id) => ({
        id,
        email: `${id}@example.com`,
        name: null,
        password_hash: null,
        role: 'viewer' as const,
        created_at: 0,
      })),
    )
    .execute();
  return db;
}

describe('session records', () => {
  it('end after 7 days without use, and slide while in use', async () => {
    const db = await setup();
    const [idle, almostIdle, used] = [
      await createSession('u1', db, T0),
      await createSession('u1', db, T0),
      await createSession('u1', db, T0),
    ];
    expect(await touchSession(almostIdle, 'u1', db, T0 + 7 * DAY - 1)).toBe(true);
    expect(await touchSession(idle, 'u1', db, T0 + 7 * DAY)).toBe(false);
    for (let day = 1; day <= 20; day++) expect(await touchSession(used, 'u1', db, T0 + day * DAY)).toBe(true);
    expect(await touchSession(used, 'u1', db, T0 + 27 * DAY)).toBe(false);
  });

  it('write at most once a day while in use', async () => {
    const db = await setup();
    const sid = await createSession('u1', db, T0);
    const expiry = async () =>
      (await db.selectFrom('sessions').select('expires_at').executeTakeFirstOrThrow()).expires_at;
    await touchSession(sid, 'u1', db, T0 + DAY - 1);
    expect(await expiry()).toBe(T0 + 7 * DAY);
    await touchSession(sid, 'u1', db, T0 + DAY);
    expect(await expiry()).toBe(T0 + 8 * DAY);
  });

  it('belong to one user, and end one at a time or all together', async () => {
    const db = await setup();
    const a = await createSession('u1', db, T0);
    const b = await createSession('u1', db, T0);
    const other = await createSession('u2', db, T0);
    expect(await touchSession(a, 'u2', db, T0)).toBe(false);
    await endSession(a, db);
    expect(await touchSession(a, 'u1', db, T0)).toBe(false);
    expect(await touchSession(b, 'u1', db, T0)).toBe(true);
    expect(await endAllSessions('u1', db)).toBe(1);
    expect(await touchSession(b, 'u1', db, T0)).toBe(false);
    expect(await touchSession(other, 'u2', db, T0)).toBe(true);
  });

  it('end when the password, role or disabled state changes (in the database itself), not on other changes', async () => {
    const db = await setup();
    const sid = await createSession('u1', db, T0);
    await db.updateTable('users').set({ name: 'New name', role: 'viewer' }).where('id', '=', 'u1').execute();
    expect(await touchSession(sid, 'u1', db, T0)).toBe(true);
    const changes = [{ role: 'uploader' as const }, { password_hash: 'x' }, { disabled_at: 1 }];
    for (const change of changes) {
      const live = await createSession('u1', db, T0);
      await db.updateTable('users').set(change).where('id', '=', 'u1').execute();
      expect(await touchSession(live, 'u1', db, T0), JSON.stringify(change)).toBe(false);
      await setUserDisabled('u1', false, db);
    }
  });

  it('keep only a hash of the id', async () => {
    const db = await setup();
    const sid = await createSession('u1', db, T0);
    expect(JSON.stringify(await db.selectFrom('sessions').selectAll().execute())).not.toContain(sid);
  });
});
