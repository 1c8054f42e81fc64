/** The invitee's side: what a link is worth, and using it once to make an account that can sign in. */
import { describe, expect, it } from 'vitest';
import { INVITE_LIFETIME_MS, insertInvite, revokeInvite } from '@/lib/db/invites';
import { createUser, findUserByEmail, removeUser, setUserDisabled, setUserRole } from '@/lib/db/users';
import { freshDb } from '@/test/helpers/db';
import { hashInviteToken, isInviteTokenShape, newInviteToken } from './invite-token';
import { acceptInviteWithGitHub, acceptInviteWithPassword, lookUpInvite } from './invites';
import { verifyPassword } from './password';

const T0 = Date.UTC(2025, 5, 1);
let n = 0;

type Db = Awaited<ReturnType<typeof freshDb>>;

/** An admin to make invites (each test's store has its own). */
async function anAdmin(db: Db) {
  return createUser({ email: `admin${++n}@example.com`, passwordHash: null, role: 'admin' }, db);
}

async function invited(db: Db, role: 'viewer' | 'uploader' | 'admin' = 'uploader', by?: { id: string }) {
  const token = newInviteToken();
  const email = `invitee${++n}@example.com`;
  const createdBy = (by ?? (await anAdmin(db))).id;
  const row = await insertInvite({ tokenHash: hashInviteToken(token), email, role, createdBy }, db, T0);
  return { token, email, row };
}

describe('invite links', () => {
  it('are 43 url-safe characters, stored only as a hash', () => {
    const token = newInviteToken();
    expect(isInviteTokenShape(token)).toBe(true);
    expect(hashInviteToken(token)).not.toContain(token);
    expect(newInviteToken()).not.toBe(token);
    for (const bad of ['', 'short', `${token}x`, `${token.slice(1)}/`]) expect(isInviteTokenShape(bad)).toBe(false);
  });

  it('say what they are worth: pending until used, then used; unknown for anything else', async () => {
    const db = await freshDb();
    const { token, email } = await invited(db);
    expect(await lookUpInvite(token, db, T0)).toEqual({
      state: 'pending',
      email,
      role: 'uploader',
      expiresAt: T0 + INVITE_LIFETIME_MS,
    });
    expect(await lookUpInvite(newInviteToken(), db, T0)).toEqual({ state: 'unknown' });
    expect(await lookUpInvite('../../etc/passwd', db, T0)).toEqual({ state: 'unknown' });
    expect(await acceptInviteWithPassword(token, { name: 'Ivy', password: 'ivy password' }, db, T0)).toEqual({
      ok: true,
      email,
      role: 'uploader',
    });
    expect(await lookUpInvite(token, db, T0)).toEqual({ state: 'accepted' });
  });

  it('make an account whose password works, audited as the invitee', async () => {
    const db = await freshDb();
    const { token, email } = await invited(db, 'admin');
    await acceptInviteWithPassword(token, { name: null, password: 'chosen password' }, db, T0);
    const user = await findUserByEmail(email, db);
    expect(user).toMatchObject({ role: 'admin', name: null });
    expect(await verifyPassword(user?.password_hash ?? '', 'chosen password')).toBe(true);
    const entries = await db
      .selectFrom('audit_log')
      .select(['actor_id', 'action', 'target'])
      .where('target', '=', user?.id ?? '')
      .orderBy('id')
      .execute();
    expect(entries.map((e) => [e.action, e.actor_id])).toEqual([
      ['invite.accepted', user?.id],
      ['user.created', user?.id],
    ]);
  });

  it('refuse a second use, an expired link and a revoked one, making nobody', async () => {
    const db = await freshDb();
    const used = await invited(db);
    await acceptInviteWithPassword(used.token, { name: null, password: 'first password' }, db, T0);
    expect(await acceptInviteWithPassword(used.token, { name: null, password: 'second password' }, db, T0)).toEqual({
      ok: false,
      reason: 'accepted',
    });
    expect(await verifyPassword((await findUserByEmail(used.email, db))?.password_hash ?? '', 'first password')).toBe(
      true,
    );

    const late = await invited(db);
    const atExpiry = T0 + INVITE_LIFETIME_MS;
    expect(await lookUpInvite(late.token, db, atExpiry - 1)).toMatchObject({ state: 'pending' });
    expect(await lookUpInvite(late.token, db, atExpiry)).toEqual({ state: 'expired' });
    const refused = await acceptInviteWithPassword(late.token, { name: null, password: 'too late!' }, db, atExpiry);
    expect(refused).toEqual({ ok: false, reason: 'expired' });

    const withdrawn = await invited(db);
    await revokeInvite(withdrawn.row.id, db, T0 + 1);
    expect(await lookUpInvite(withdrawn.token, db, T0 + 2)).toEqual({ state: 'revoked' });
    expect(await acceptInviteWithPassword(withdrawn.token, { name: null, password: 'never mind' }, db, T0 + 2)).toEqual(
      { ok: false, reason: 'revoked' },
    );
    for (const email of [late.email, withdrawn.email]) expect(await findUserByEmail(email, db)).toBeUndefined();
  });

  it('refuse, as revoked, an invite whose admin was removed, disabled or demoted since', async () => {
    const db = await freshDb();
    await anAdmin(db); // the site keeps an admin whatever happens to the others
    const changes: [string, (adminId: string) => Promise<unknown>][] = [
      ['removed', (id) => removeUser(id, db)],
      ['disabled', (id) => setUserDisabled(id, true, db)],
      ['demoted', (id) => setUserRole(id, 'uploader', db)],
    ];
    for (const [what, change] of changes) {
      const admin = await anAdmin(db);
      const byPassword = await invited(db, 'admin', admin);
      const byGitHub = await invited(db, 'uploader', admin);
      expect(await lookUpInvite(byPassword.token, db, T0)).toMatchObject({ state: 'pending' });
      await change(admin.id);
      expect(await lookUpInvite(byPassword.token, db, T0), what).toEqual({ state: 'revoked' });
      expect(
        await acceptInviteWithPassword(byPassword.token, { name: null, password: 'still trying' }, db, T0),
        what,
      ).toEqual({ ok: false, reason: 'revoked' });
      expect(await acceptInviteWithGitHub(byGitHub.email, { name: null, login: 'x' }, db, T0), what).toBe(false);
      for (const email of [byPassword.email, byGitHub.email]) expect(await findUserByEmail(email, db)).toBeUndefined();
    }
  });

  it('let an invited email in through GitHub, with the invite’s role and no password', async () => {
    const db = await freshDb();
    const { token, email } = await invited(db, 'uploader');
    expect(await acceptInviteWithGitHub(email, { name: 'Gina', login: 'gina' }, db, T0)).toBe(true);
    expect(await findUserByEmail(email, db)).toMatchObject({ role: 'uploader', name: 'Gina', password_hash: null });
    expect(await lookUpInvite(token, db, T0)).toEqual({ state: 'accepted' });
    expect(await acceptInviteWithGitHub(email, { name: 'Gina', login: 'gina' }, db, T0)).toBe(false);
  });
});
