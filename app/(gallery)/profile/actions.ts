'use server';
// Server actions of the profile page: one's own display name and password.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { signIn } from '@/lib/auth/config';
import { hashPassword } from '@/lib/auth/password';
import { checkCurrentPassword } from '@/lib/auth/password-change';
import { currentClientAddress } from '@/lib/auth/request-ip';
import { getCurrentUser } from '@/lib/auth/session';
import { sharedSignInLimiter } from '@/lib/auth/shared-limiter';
import { audit } from '@/lib/db/audit';
import { findUserById, setUserName, setUserPassword } from '@/lib/db/users';
import { appEnv } from '@/lib/env';
import { changePasswordSchema, displayNameSchema } from '@/lib/schemas/user';

const PASSWORD_CHANGED_URL = '/profile?password=changed';

export interface ProfileFormState {
  error?: string;
  /** What changed, said to the person. */
  done?: string;
}

async function signedInUser() {
  const user = await getCurrentUser();
  if (!user) redirect('/sign-in');
  return user;
}

// The profile page: sets or clears the signed-in person's display name.
export async function updateDisplayNameAction(_prev: ProfileFormState, form: FormData): Promise<ProfileFormState> {
  const user = await signedInUser();
  const parsed = displayNameSchema.safeParse({ name: form.get('name') ?? '' });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'Check the name.' };
  const { name } = parsed.data;
  if (name === user.name) return { done: 'Nothing to change.' };
  await setUserName(user.id, name);
  await audit(user.id, 'user.name_changed', user.id, { from: user.name, to: name });
  // The header and every page that names people show the new name on their next render.
  revalidatePath('/', 'layout');
  return { done: name ? `You are shown as “${name}”.` : 'Name removed: others see you as “a member”.' };
}

/**
 * The profile page: a new password after the current one. Changing it ends every session of the
 * person (a trigger in the store); this browser then signs in again with the new password, so only
 * the others are signed out.
 */
export async function changePasswordAction(_prev: ProfileFormState, form: FormData): Promise<ProfileFormState> {
  const user = await signedInUser();
  const parsed = changePasswordSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'Check the form.' };
  const row = await findUserById(user.id);
  if (!row?.password_hash) return { error: 'This account signs in with GitHub; it has no password to change here.' };
  const check = await checkCurrentPassword(
    await sharedSignInLimiter(appEnv().access.signInFailuresPerSecond),
    { id: row.id, email: row.email, passwordHash: row.password_hash },
    parsed.data.current,
    await currentClientAddress(),
  );
  if (!check.ok) return { error: check.error };
  await setUserPassword(user.id, await hashPassword(parsed.data.password));
  await audit(user.id, 'user.password_changed', user.id, { by: 'self' });
  // Auth.js answers a sign-in with a redirect; the profile page then says what happened.
  await signIn('credentials', { email: row.email, password: parsed.data.password, redirectTo: PASSWORD_CHANGED_URL });
  return {};
}
