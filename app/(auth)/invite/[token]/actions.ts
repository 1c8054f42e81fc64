'use server';
// Server actions of the invite page: accept (create one's account, then sign in) and, for someone
// signed in as another user, sign out and come back to the invite.
import { redirect } from 'next/navigation';
import { AuthError } from 'next-auth';
import { z } from 'zod';
import { signIn, signOut } from '@/lib/auth/config';
import { INVITE_REFUSALS } from '@/lib/auth/invite-messages';
import { isInviteTokenShape } from '@/lib/auth/invite-token';
import { acceptInviteWithPassword } from '@/lib/auth/invites';
import { getCurrentUser } from '@/lib/auth/session';
import { nameSchema, passwordSchema } from '@/lib/schemas/user';

export interface AcceptState {
  error?: string;
  /** What was typed (never passwords), so a refused form does not make the person start over. */
  values?: { name?: string };
}

const acceptSchema = z
  .object({ token: z.string(), name: nameSchema, password: passwordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: 'The passwords do not match.', path: ['confirm'] });

const text = (form: FormData, key: string) => {
  const v = form.get(key);
  return typeof v === 'string' ? v : '';
};

export async function acceptInviteAction(_prev: AcceptState, form: FormData): Promise<AcceptState> {
  if (await getCurrentUser()) return { error: 'Sign out first: you are signed in as someone else.' };
  const parsed = acceptSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success)
    return { error: parsed.error.issues[0]?.message ?? 'Check the form.', values: { name: text(form, 'name') } };
  const { token, name, password } = parsed.data;
  const outcome = await acceptInviteWithPassword(token, { name, password });
  if (!outcome.ok) {
    const why = INVITE_REFUSALS[outcome.reason];
    return { error: `${why.title}. ${why.message}` };
  }
  try {
    await signIn('credentials', { email: outcome.email, password, redirectTo: '/' });
  } catch (err) {
    // A successful sign-in "throws" Next's redirect, which must pass through.
    if (err instanceof AuthError) redirect('/sign-in');
    throw err;
  }
  return {};
}

/** Someone opened an invite while signed in as another user: sign out, then show the invite again. */
export async function signOutForInviteAction(form: FormData): Promise<void> {
  const token = text(form, 'token');
  // Only a token-shaped value goes into the path: this is never a redirect to somewhere else.
  await signOut({ redirectTo: isInviteTokenShape(token) ? `/invite/${token}` : '/sign-in' });
}
