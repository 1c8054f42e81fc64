/**
 * The invitee's side of an invite: what the link stands for, and using it to create one's own
 * account (name and password) with the email and role the admin chose. Anyone holding the link may
 * do this once, signed out; what the link is worth is decided here, never by the page.
 */
import type { Role } from '@/lib/auth/roles';
import { audit } from '@/lib/db/audit';
import { type AppDb, resolveDb } from '@/lib/db/index';
import {
  acceptInvite,
  currentInviteState,
  findInviteByTokenHash,
  type InviteRow,
  type InviteState,
  pendingInviteFor,
} from '@/lib/db/invites';
import { DuplicateEmailError } from '@/lib/db/users';
import { hashInviteToken, isInviteTokenShape } from './invite-token';
import { hashPassword } from './password';

export type InviteLookup =
  | { state: 'pending'; email: string; role: Role; expiresAt: number }
  | { state: Exclude<InviteState, 'pending'> | 'unknown' };

export async function lookUpInvite(token: string, db?: AppDb, now = Date.now()): Promise<InviteLookup> {
  const invite = isInviteTokenShape(token) ? await findInviteByTokenHash(hashInviteToken(token), db) : undefined;
  if (!invite) return { state: 'unknown' };
  const state = await currentInviteState(invite, db, now);
  if (state !== 'pending') return { state };
  return { state, email: invite.email, role: invite.role, expiresAt: invite.expires_at };
}

export type AcceptOutcome =
  | { ok: true; email: string; role: Role }
  | { ok: false; reason: Exclude<InviteState, 'pending'> | 'unknown' | 'email_taken' };

/**
 * Creates the account the invite names, once. The caller has checked the name and password against
 * the user schemas; the password is hashed here. The invite is spent only when the account exists.
 */
export async function acceptInviteWithPassword(
  token: string,
  account: { name: string | null; password: string },
  db?: AppDb,
  now = Date.now(),
): Promise<AcceptOutcome> {
  const store = await resolveDb(db);
  const invite = isInviteTokenShape(token) ? await findInviteByTokenHash(hashInviteToken(token), store) : undefined;
  if (!invite) return { ok: false, reason: 'unknown' };
  const state = await currentInviteState(invite, store, now);
  if (state !== 'pending') return { ok: false, reason: state };
  const passwordHash = await hashPassword(account.password);
  return claim(invite, { name: account.name, passwordHash }, 'password', store, now);
}

/**
 * GitHub admission of an invited email: the account is made with the invite's role and no password
 * (they sign in with GitHub). False when there is no pending invite for the email any more.
 */
export async function acceptInviteWithGitHub(
  email: string,
  profile: { name: string | null; login: string | null },
  db?: AppDb,
  now = Date.now(),
): Promise<boolean> {
  const store = await resolveDb(db);
  const invite = await pendingInviteFor(email, store, now);
  if (!invite) return false;
  const outcome = await claim(invite, { name: profile.name, passwordHash: null }, 'github', store, now, {
    github: profile.login,
  });
  return outcome.ok;
}

async function claim(
  invite: InviteRow,
  account: { name: string | null; passwordHash: string | null },
  via: 'password' | 'github',
  db: AppDb,
  now: number,
  extra: Record<string, unknown> = {},
): Promise<AcceptOutcome> {
  let made: Awaited<ReturnType<typeof acceptInvite>>;
  try {
    made = await acceptInvite(invite.id, account, db, now);
  } catch (err) {
    if (err instanceof DuplicateEmailError) return { ok: false, reason: 'email_taken' };
    throw err;
  }
  if (!made) {
    // Someone else used, revoked or outlived it between the look-up and now: say which.
    const again = await findInviteByTokenHash(invite.token_hash, db);
    const state = again ? await currentInviteState(again, db, now) : 'revoked';
    return { ok: false, reason: state === 'pending' ? 'accepted' : state };
  }
  await audit(made.userId, 'invite.accepted', made.userId, { email: made.email, role: made.role, via, ...extra }, db);
  await audit(
    made.userId,
    'user.created',
    made.userId,
    { role: made.role, via: 'invite', invitedBy: invite.created_by },
    db,
  );
  return { ok: true, email: made.email, role: made.role };
}
