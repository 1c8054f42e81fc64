'use server';
// Server actions of sign-in, first-run setup and sign-out.
import { redirect } from 'next/navigation';
import { AuthError } from 'next-auth';
import { z } from 'zod';
import { signIn, signOut } from '@/lib/auth/config';
import { TooManyAttempts } from '@/lib/auth/credentials';
import { hashPassword } from '@/lib/auth/password';
import { getCurrentUser } from '@/lib/auth/session';
import { endAllSessions } from '@/lib/auth/session-store';
import { audit } from '@/lib/db/audit';
import { countUsers, createFirstAdmin } from '@/lib/db/users';
import { emailSchema, nameSchema, passwordSchema } from '@/lib/schemas/user';

export interface FormState {
  error?: string;
  /** What was typed (never passwords), so a refused form does not make the person start over. */
  values?: { email?: string; name?: string };
}

const text = (form: FormData, key: string) => {
  const v = form.get(key);
  return typeof v === 'string' ? v : '';
};

function signInError(err: AuthError): string {
  if (err instanceof TooManyAttempts) {
    const wait =
      err.retryAfterSeconds < 90 ? `${err.retryAfterSeconds} s` : `${Math.ceil(err.retryAfterSeconds / 60)} min`;
    return `Too many failed attempts. Try again in ${wait}.`;
  }
  const code = (err as AuthError & { code?: string }).code;
  if (code === 'disabled') return 'This account is disabled. Ask an admin to enable it.';
  if (err.type === 'CredentialsSignin') return 'Email or password is incorrect.';
  return 'Could not sign in. Try again.';
}

export async function signInAction(_prev: FormState, form: FormData): Promise<FormState> {
  try {
    await signIn('credentials', { email: form.get('email'), password: form.get('password'), redirectTo: '/' });
    return {};
  } catch (err) {
    // A successful sign-in "throws" Next's redirect, which must pass through.
    if (err instanceof AuthError) return { error: signInError(err), values: { email: text(form, 'email') } };
    throw err;
  }
}

export async function gitHubSignInAction(): Promise<void> {
  await signIn('github', { redirectTo: '/' });
}

const setupSchema = z
  .object({
    email: emailSchema,
    name: nameSchema,
    password: passwordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { message: 'The passwords do not match.', path: ['confirm'] });

export async function setupAction(_prev: FormState, form: FormData): Promise<FormState> {
  if ((await countUsers()) > 0) return { error: 'Setup is already done. Sign in instead.' };
  const parsed = setupSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    return {
      error: parsed.error.issues[0]?.message ?? 'Check the form.',
      values: { email: text(form, 'email'), name: text(form, 'name') },
    };
  }
  const { email, name, password } = parsed.data;
  const user = await createFirstAdmin({ email, name, passwordHash: await hashPassword(password) });
  if (!user) return { error: 'Setup is already done. Sign in instead.' };
  await audit(user.id, 'setup.admin_created', user.id);
  try {
    await signIn('credentials', { email, password, redirectTo: '/' });
  } catch (err) {
    if (err instanceof AuthError) return { error: 'The admin was created; sign in to continue.' };
    throw err;
  }
  return {};
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/sign-in' });
}

/** Ends every session of the signed-in user (other browsers and devices too), then this one. */
export async function signOutEverywhereAction(): Promise<void> {
  const user = await getCurrentUser();
  if (!user) redirect('/sign-in');
  const ended = await endAllSessions(user.id);
  await audit(user.id, 'auth.signed_out_everywhere', user.id, { sessions: ended });
  await signOut({ redirectTo: '/sign-in' });
}
