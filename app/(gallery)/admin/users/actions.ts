'use server';
// Server actions of the users page. Each checks the admin role itself (lib/admin/guard), and every
// refusal (signed out, not an admin, a user rule, the image service failing) comes back as an error
// state with nothing changed, never as a 500.
import { revalidatePath } from 'next/cache';
import { requireAdmin } from '@/lib/admin/guard';
import { createInvite, revokeInviteFor } from '@/lib/admin/invites';
import { removeUserFor, resetPassword, setDisabled } from '@/lib/admin/users';
import { ApiError } from '@/lib/api/errors';
import type { CurrentUser } from '@/lib/auth/session';
import { addUser, changeRole, DuplicateEmailError, UserRuleError } from '@/lib/db/users';
import { ImageServiceError } from '@/lib/images/client';
import { emailSchema, newUserSchema, roleSchema } from '@/lib/schemas/user';

export interface ActionState {
  error?: string;
  ok?: string;
}

/** A new invite as the page shows it once: the link's path (the page adds its own origin). */
export interface InviteState extends ActionState {
  invite?: { email: string; role: string; path: string; expiresAt: number };
}

/** Runs `work` for a signed-in admin; anything refused becomes `{ error }` for the page to show. */
async function asAdmin<T extends ActionState>(work: (admin: CurrentUser) => Promise<T>): Promise<T | ActionState> {
  try {
    const admin = await requireAdmin();
    const result = await work(admin);
    revalidatePath('/admin/users');
    return result;
  } catch (err) {
    if (err instanceof ApiError || err instanceof UserRuleError || err instanceof DuplicateEmailError)
      return { error: err.message };
    if (err instanceof ImageServiceError) {
      console.error('[pixvault] image service error:', err.status, err.message);
      return { error: 'The image service could not delete all of their images; the user was kept. Try again.' };
    }
    throw err;
  }
}

const firstIssue = (issues: readonly { message: string }[]) => issues[0]?.message ?? 'Check the form.';

/** Action arguments come from the browser as they are: an id must be a short string. */
function idOf(value: unknown, what: 'user' | 'invite' = 'user'): string {
  if (typeof value !== 'string' || value === '' || value.length > 100)
    throw new ApiError(400, 'bad_id', `No such ${what}.`);
  return value;
}

export async function addUserAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return asAdmin(async (admin) => {
    const parsed = newUserSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return { error: firstIssue(parsed.error.issues) };
    const user = await addUser(admin.id, parsed.data);
    return { ok: `Added ${user.email} as ${user.role}.` };
  });
}

export async function changeRoleAction(userId: string, role: string): Promise<ActionState> {
  return asAdmin(async (admin) => {
    const parsed = roleSchema.safeParse(role);
    if (!parsed.success) return { error: 'Unknown role.' };
    await changeRole(admin.id, idOf(userId), parsed.data);
    return { ok: 'Role changed.' };
  });
}

/** Removes a user with their images, or, with `transferTo`, gives their images to that user first. */
export async function removeUserAction(userId: string, transferTo?: string): Promise<ActionState> {
  return asAdmin(async (admin) => {
    const plan = transferTo ? { images: 'transfer' as const, to: idOf(transferTo) } : { images: 'delete' as const };
    const count = await removeUserFor(admin, idOf(userId), plan);
    return {
      ok: transferTo ? `User removed; ${count} image(s) transferred.` : `User removed with ${count} image(s).`,
    };
  });
}

export async function resetPasswordAction(userId: string, password: string): Promise<ActionState> {
  return asAdmin(async (admin) => {
    const user = await resetPassword(admin, idOf(userId), typeof password === 'string' ? password : '');
    return { ok: `Password of ${user.email} reset; they were signed out everywhere.` };
  });
}

export async function setDisabledAction(userId: string, disabled: boolean): Promise<ActionState> {
  return asAdmin(async (admin) => {
    const user = await setDisabled(admin, idOf(userId), disabled === true);
    return { ok: disabled ? `${user.email} is disabled and was signed out.` : `${user.email} is enabled again.` };
  });
}

export async function createInviteAction(_prev: InviteState, form: FormData): Promise<InviteState> {
  return asAdmin(async (admin): Promise<InviteState> => {
    const email = emailSchema.safeParse(form.get('email') ?? '');
    if (!email.success) return { error: firstIssue(email.error.issues) };
    const role = roleSchema.safeParse(form.get('role'));
    if (!role.success) return { error: 'Unknown role.' };
    const invite = await createInvite(admin, { email: email.data, role: role.data });
    return {
      ok: `Invite for ${invite.email} created. Copy the link now: it is shown only once.`,
      invite: { email: invite.email, role: invite.role, path: `/invite/${invite.token}`, expiresAt: invite.expiresAt },
    };
  });
}

export async function revokeInviteAction(inviteId: string): Promise<ActionState> {
  return asAdmin(async (admin) => {
    const invite = await revokeInviteFor(admin, idOf(inviteId, 'invite'));
    return { ok: `The invite for ${invite.email} was revoked; its link no longer works.` };
  });
}
