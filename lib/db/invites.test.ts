/** Invites in the store: pending for exactly 7 days, used once, revocable, one pending per email. */
import { describe, expect, it } from 'vitest';
import { freshDb } from '@/test/helpers/db';
import {
  acceptInvite,
  currentInviteState,
  findInviteById,
  INVITE_LIFETIME_MS,
  insertInvite,
  inviteState,
  listPendingInvites,
  pendingInviteFor,
  revokeInvite,
} from './invites';
import { createUser, DuplicateEmailError, findUserByEmail, setUserRole } from './users';

const T0 = Date.UTC(2025, 0, 1);
const DAY = 86_400_000;
let n = 0;
const anAdmin = (db: Awaited<ReturnType<typeof freshDb>>) =>
  createUser({ email: `admin${++n}@example.com`, passwordHash: null, role: 'admin' }, db);
const invite = async (
  db: Awaited<ReturnType<typeof freshDb>>,
  email = `guest${++n}@example.com`,
  now = T0,
  by?: { id: string },
) =>
  insertInvite(
    { tokenHash: `hash-${++n}`, email, role: 'uploader', createdBy: (by ?? (await anAdmin(db))).id },
    db,
    now,
  );
const account = { name: 'Guest', passwordHash: 'h' };

describe('invites', () => {
  it('are pending for 7 days to the millisecond, then expired', async () => {
    const db = await freshDb();
    const row = await invite(db);
    expect(INVITE_LIFETIME_MS).toBe(7 * DAY);
    expect(row.expires_at).toBe(T0 + 7 * DAY);
    expect(inviteState(row, T0 + 7 * DAY - 1)).toBe('pending');
    expect(inviteState(row, T0 + 7 * DAY)).toBe('expired');
    expect(await listPendingInvites(db, T0 + 7 * DAY - 1)).toHaveLength(1);
    expect(await listPendingInvites(db, T0 + 7 * DAY)).toEqual([]);
  });

  it('make one account, once, with the invite’s email and role', async () => {
    const db = await freshDb();
    const row = await invite(db, 'Once@Example.com');
    const made = await acceptInvite(row.id, account, db, T0 + DAY);
    expect(made).toMatchObject({ email: 'once@example.com', role: 'uploader' });
    expect(await findUserByEmail('once@example.com', db)).toMatchObject({ id: made?.userId, name: 'Guest' });
    expect(await findInviteById(row.id, db)).toMatchObject({ accepted_at: T0 + DAY, accepted_by: made?.userId });
    expect(await acceptInvite(row.id, account, db, T0 + DAY)).toBeNull();
  });

  it('make one account when the same link is used twice at the same moment', async () => {
    const db = await freshDb();
    const row = await invite(db);
    const results = await Promise.all([acceptInvite(row.id, account, db, T0), acceptInvite(row.id, account, db, T0)]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await db.selectFrom('users').select('id').where('email', '=', row.email).execute()).toHaveLength(1);
  });

  it('make nothing once expired or revoked', async () => {
    const db = await freshDb();
    const late = await invite(db);
    expect(await acceptInvite(late.id, account, db, T0 + 7 * DAY)).toBeNull();
    const withdrawn = await invite(db);
    expect(await revokeInvite(withdrawn.id, db, T0 + 1)).toBe(true);
    expect(inviteState({ ...withdrawn, revoked_at: T0 + 1 }, T0 + 2)).toBe('revoked');
    expect(await acceptInvite(withdrawn.id, account, db, T0 + 2)).toBeNull();
    expect(await revokeInvite(withdrawn.id, db, T0 + 3)).toBe(false);
    expect(await revokeInvite(late.id, db, T0 + 7 * DAY)).toBe(false);
    for (const email of [late.email, withdrawn.email]) expect(await findUserByEmail(email, db)).toBeUndefined();
  });

  it('count as revoked once their admin is no longer one: not listed, not found for GitHub, not accepted', async () => {
    const db = await freshDb();
    await anAdmin(db);
    const admin = await anAdmin(db);
    const row = await invite(db, 'orphan@example.com', T0, admin);
    expect(await currentInviteState(row, db, T0)).toBe('pending');
    await setUserRole(admin.id, 'viewer', db);
    expect(inviteState(row, T0)).toBe('pending'); // the row alone does not know
    expect(await currentInviteState(row, db, T0)).toBe('revoked');
    expect(await listPendingInvites(db, T0)).toEqual([]);
    expect(await pendingInviteFor('orphan@example.com', db, T0)).toBeUndefined();
    expect(await acceptInvite(row.id, account, db, T0)).toBeNull();
    expect(await findUserByEmail('orphan@example.com', db)).toBeUndefined();
  });

  it('stay pending when the email got an account in the meantime (nothing half-made)', async () => {
    const db = await freshDb();
    const row = await invite(db);
    await createUser({ email: row.email, passwordHash: null, role: 'viewer' }, db);
    await expect(acceptInvite(row.id, account, db, T0)).rejects.toThrow(DuplicateEmailError);
    expect(inviteState((await findInviteById(row.id, db)) ?? row, T0)).toBe('pending');
  });

  it('keep one pending invite per email: a new one revokes the old link', async () => {
    const db = await freshDb();
    const first = await invite(db, 'twice@example.com', T0);
    const second = await invite(db, 'TWICE@example.com', T0 + 1);
    expect((await findInviteById(first.id, db))?.revoked_at).toBe(T0 + 1);
    expect((await pendingInviteFor('twice@example.com', db, T0 + 2))?.id).toBe(second.id);
    expect(await pendingInviteFor('twice@example.com', db, second.expires_at)).toBeUndefined();
  });
});
