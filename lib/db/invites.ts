/**
 * One-time invites: an admin picks an email and a role, the invitee follows the link within 7 days
 * and creates their own account. Rows are found by a hash of the token; the token is only in the link.
 * An invite is pending until it is accepted, revoked or expires; a newer invite for the same email
 * replaces the older one. An invite speaks for the admin who made it: once they are removed, disabled
 * or no longer an admin, their pending invites count as revoked (checked at use, on both engines).
 */
import { randomUUID } from 'node:crypto';
import type { ExpressionBuilder } from 'kysely';
import type { Role } from '@/lib/auth/roles';
import { normalizeEmail } from '@/lib/schemas/user';
import { type AppDb, resolveDb } from './index';
import { forUpdate } from './locks';
import type { Database, InviteRow } from './schema';
import { createUser } from './users';

export type { InviteRow };

export const INVITE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export type InviteState = 'pending' | 'accepted' | 'revoked' | 'expired';

export function inviteState(invite: InviteRow, now = Date.now()): InviteState {
  if (invite.accepted_at !== null) return 'accepted';
  if (invite.revoked_at !== null) return 'revoked';
  return invite.expires_at <= now ? 'expired' : 'pending';
}

/** Saves a new invite and revokes any still-pending one for the same email (its link stops working). */
export async function insertInvite(
  input: { tokenHash: string; email: string; role: Role; createdBy: string | null },
  db?: AppDb,
  now = Date.now(),
): Promise<InviteRow> {
  const row: InviteRow = {
    id: randomUUID(),
    token_hash: input.tokenHash,
    email: normalizeEmail(input.email),
    role: input.role,
    created_by: input.createdBy,
    created_at: now,
    expires_at: now + INVITE_LIFETIME_MS,
    accepted_at: null,
    accepted_by: null,
    revoked_at: null,
  };
  await (await resolveDb(db)).transaction().execute(async (trx) => {
    await pendingFor(trx, row.email, now).set({ revoked_at: now }).execute();
    await trx.insertInto('invites').values(row).execute();
  });
  return row;
}

/** The invite's maker is still an active admin (a removed one left `created_by` null, which matches nobody). */
const backedByActiveAdmin = (eb: ExpressionBuilder<Database, 'invites'>) =>
  eb.exists(
    eb
      .selectFrom('users')
      .select('users.id')
      .whereRef('users.id', '=', 'invites.created_by')
      .where('users.role', '=', 'admin')
      .where('users.disabled_at', 'is', null),
  );

async function madeByActiveAdmin(invite: InviteRow, db: AppDb): Promise<boolean> {
  const row = await db
    .selectFrom('invites')
    .select('id')
    .where('id', '=', invite.id)
    .where(backedByActiveAdmin)
    .executeTakeFirst();
  return row !== undefined;
}

/** `inviteState`, with a pending invite whose maker is no longer an active admin counted as revoked. */
export async function currentInviteState(invite: InviteRow, db?: AppDb, now = Date.now()): Promise<InviteState> {
  const state = inviteState(invite, now);
  if (state !== 'pending') return state;
  return (await madeByActiveAdmin(invite, await resolveDb(db))) ? 'pending' : 'revoked';
}

const pendingFor = (db: AppDb, email: string, now: number) =>
  db
    .updateTable('invites')
    .where('email', '=', normalizeEmail(email))
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now);

export async function findInviteByTokenHash(tokenHash: string, db?: AppDb): Promise<InviteRow | undefined> {
  return (await resolveDb(db)).selectFrom('invites').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function findInviteById(id: string, db?: AppDb): Promise<InviteRow | undefined> {
  return (await resolveDb(db)).selectFrom('invites').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The pending invite for an email, if any and still backed by an active admin (GitHub admission counts it as allowed). */
export async function pendingInviteFor(email: string, db?: AppDb, now = Date.now()): Promise<InviteRow | undefined> {
  return (await resolveDb(db))
    .selectFrom('invites')
    .selectAll()
    .where('email', '=', normalizeEmail(email))
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .where(backedByActiveAdmin)
    .executeTakeFirst();
}

/** Pending invites that can still be used (one whose maker lost admin is left out: it is as good as revoked). */
export async function listPendingInvites(db?: AppDb, now = Date.now()): Promise<InviteRow[]> {
  return (await resolveDb(db))
    .selectFrom('invites')
    .selectAll()
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .where(backedByActiveAdmin)
    .orderBy('created_at', 'desc')
    .execute();
}

/** Revokes a pending invite; false when there is none with that id still pending. */
export async function revokeInvite(id: string, db?: AppDb, now = Date.now()): Promise<boolean> {
  const result = await (await resolveDb(db))
    .updateTable('invites')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Thrown inside the acceptance's transaction so the new user goes when the invite was not still pending. */
class NotPending extends Error {}

/**
 * Uses a pending invite once: the account is created and the invite marked accepted in one
 * transaction, and only if the invite was still pending at that moment, so two tabs accepting the
 * same link at once make one account. Null when the invite is no longer pending. A user with the
 * email already existing throws DuplicateEmailError (and the invite stays pending).
 */
export async function acceptInvite(
  inviteId: string,
  account: { name: string | null; passwordHash: string | null },
  db?: AppDb,
  now = Date.now(),
): Promise<{ userId: string; email: string; role: Role } | null> {
  const store = await resolveDb(db);
  try {
    return await store.transaction().execute(async (trx) => {
      // Locked (PostgreSQL) so a second acceptance waits and then sees this one's outcome.
      const invite = await forUpdate(
        trx,
        trx.selectFrom('invites').selectAll().where('id', '=', inviteId),
      ).executeTakeFirst();
      if (!invite || (await currentInviteState(invite, trx, now)) !== 'pending') throw new NotPending();
      const user = await createUser({ email: invite.email, role: invite.role, ...account }, trx);
      const claimed = await trx
        .updateTable('invites')
        .set({ accepted_at: now, accepted_by: user.id })
        .where('id', '=', inviteId)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (claimed.numUpdatedRows !== 1n) throw new NotPending();
      return { userId: user.id, email: user.email, role: user.role };
    });
  } catch (err) {
    if (err instanceof NotPending) return null;
    throw err;
  }
}
