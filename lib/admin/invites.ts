import 'server-only';
/**
 * Invites from the console: the admin names an email and a role and gets a one-time link to pass on
 * (shown once: only the token's hash is kept); pending invites can be revoked. The invitee's side is
 * lib/auth/invites.ts.
 */
import { ApiError } from '@/lib/api/errors';
import { hashInviteToken, newInviteToken } from '@/lib/auth/invite-token';
import type { Actor, Role } from '@/lib/auth/roles';
import { audit } from '@/lib/db/audit';
import { findInviteById, type InviteRow, insertInvite, listPendingInvites, revokeInvite } from '@/lib/db/invites';
import { findUserByEmail } from '@/lib/db/users';
import { assertAdmin } from './guard';

export interface NewInvite {
  id: string;
  email: string;
  role: Role;
  /** The secret part of the link (`/invite/<token>`); not stored, so it cannot be shown again. */
  token: string;
  expiresAt: number;
}

export async function createInvite(admin: Actor, input: { email: string; role: Role }): Promise<NewInvite> {
  assertAdmin(admin);
  if (await findUserByEmail(input.email))
    throw new ApiError(409, 'email_taken', `${input.email} already has an account.`);
  const token = newInviteToken();
  const invite = await insertInvite({
    tokenHash: hashInviteToken(token),
    email: input.email,
    role: input.role,
    createdBy: admin.id,
  });
  await audit(admin.id, 'invite.created', invite.email, {
    invite: invite.id,
    role: invite.role,
    expiresAt: new Date(invite.expires_at).toISOString(),
  });
  return { id: invite.id, email: invite.email, role: invite.role, token, expiresAt: invite.expires_at };
}

export async function revokeInviteFor(admin: Actor, inviteId: string): Promise<InviteRow> {
  assertAdmin(admin);
  const invite = await findInviteById(inviteId);
  if (!invite || !(await revokeInvite(inviteId)))
    throw new ApiError(409, 'not_pending', 'That invite is no longer pending (used, revoked or expired).');
  await audit(admin.id, 'invite.revoked', invite.email, { invite: invite.id, role: invite.role });
  return invite;
}

export async function pendingInvites(admin: Actor): Promise<InviteRow[]> {
  assertAdmin(admin);
  return listPendingInvites();
}
