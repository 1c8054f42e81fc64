import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { SignInForm } from '@/components/auth/sign-in-form';
import { getCurrentUser } from '@/lib/auth/session';
import { countUsers } from '@/lib/db/users';
import { appEnv } from '@/lib/env';

export const metadata: Metadata = { title: 'Sign in' };

/** Errors Auth.js and our callbacks put in `?error=`, in words (anything else gets the generic one). */
const ERRORS: Record<string, string> = {
  GitHubEmailNotVerified: 'Your GitHub account has no verified primary email. Verify it on GitHub, then try again.',
  GitHubNotAllowed:
    'This GitHub account is not allowed to sign in here. Ask an admin to add your email address, then try again.',
  AccountDisabled: 'This account is disabled. Ask an admin to enable it.',
  CredentialsSignin: 'Email or password is incorrect, or there were too many attempts. Wait a little and try again.',
  AccessDenied: 'Sign-in was refused.',
  OAuthAccountNotLinked: 'This email is already used by another sign-in method.',
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  await connection(); // depends on the database, never prerendered
  const { error } = await searchParams;
  const message = error ? (ERRORS[error] ?? 'Sign-in did not complete. Try again.') : undefined;
  if ((await countUsers()) === 0) redirect('/setup');
  if (await getCurrentUser()) redirect('/');
  return (
    <main className="auth-page">
      <div className="card auth-card">
        <h1>Sign in to Pixvault</h1>
        <SignInForm gitHub={appEnv().github !== null} initialError={message} />
      </div>
    </main>
  );
}
