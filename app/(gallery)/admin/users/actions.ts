'use server';
// Server actions of the users page; each checks the admin role itself.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { isRole, ROLES } from '@/lib/auth/roles';
import { requireRole } from '@/lib/auth/session';
import { DuplicateEmailError } from '@/lib/db/users';
import { addUser, changeRole, removeUserAndImages, UserRuleError } from '@/lib/users';

export interface ActionState {
  error?: string;
  ok?: string;
}

const addSchema = z.object({
  email: z.email('Enter a valid email address.').max(320),
  name: z.string().trim().max(100).optional(),
  password: z.string().min(8, 'The password needs at least 8 characters.').max(1024),
  role: z.enum(ROLES),
});

function fail(err: unknown): ActionState {
  if (err instanceof UserRuleError || err instanceof DuplicateEmailError) return { error: err.message };
  throw err;
}

export async function addUserAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const admin = await requireRole('admin');
  const parsed = addSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'Check the form.' };
  try {
    const user = await addUser(admin.id, { ...parsed.data, name: parsed.data.name || null });
    revalidatePath('/admin/users');
    return { ok: `Added ${user.email} as ${user.role}.` };
  } catch (err) {
    return fail(err);
  }
}

export async function changeRoleAction(userId: string, role: string): Promise<ActionState> {
  const admin = await requireRole('admin');
  if (!isRole(role)) return { error: 'Unknown role.' };
  try {
    changeRole(admin.id, userId, role);
    revalidatePath('/admin/users');
    return { ok: 'Role changed.' };
  } catch (err) {
    return fail(err);
  }
}

export async function removeUserAction(userId: string): Promise<ActionState> {
  const admin = await requireRole('admin');
  try {
    const count = await removeUserAndImages(admin.id, userId);
    revalidatePath('/admin/users');
    return { ok: `User removed with ${count} image(s).` };
  } catch (err) {
    return fail(err);
  }
}
