'use server';
// Server actions of the users page. Each checks the admin role itself, and every refusal (signed out,
// not an admin, a user rule, the image service failing) comes back as an error state, never as a 500.
import { revalidatePath } from 'next/cache';
import { ApiError } from '@/lib/api/errors';
import { requireRole } from '@/lib/auth/session';
import { addUser, changeRole, DuplicateEmailError, UserRuleError } from '@/lib/db/users';
import { ImageServiceError } from '@/lib/images/client';
import { removeUserAndImages } from '@/lib/images/manage';
import { newUserSchema, roleSchema } from '@/lib/schemas/user';

export interface ActionState {
  error?: string;
  ok?: string;
}

/** Runs `work` for a signed-in admin; anything refused becomes `{ error }` for the form to show. */
async function asAdmin(work: (adminId: string) => Promise<ActionState>): Promise<ActionState> {
  try {
    const admin = await requireRole('admin');
    return await work(admin.id);
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

export async function addUserAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return asAdmin(async (adminId) => {
    const parsed = newUserSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'Check the form.' };
    const user = await addUser(adminId, parsed.data);
    revalidatePath('/admin/users');
    return { ok: `Added ${user.email} as ${user.role}.` };
  });
}

export async function changeRoleAction(userId: string, role: string): Promise<ActionState> {
  return asAdmin(async (adminId) => {
    const parsed = roleSchema.safeParse(role);
    if (!parsed.success) return { error: 'Unknown role.' };
    await changeRole(adminId, userId, parsed.data);
    revalidatePath('/admin/users');
    return { ok: 'Role changed.' };
  });
}

export async function removeUserAction(userId: string): Promise<ActionState> {
  return asAdmin(async (adminId) => {
    const count = await removeUserAndImages(adminId, userId);
    revalidatePath('/admin/users');
    return { ok: `User removed with ${count} image(s).` };
  });
}
