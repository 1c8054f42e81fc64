import type { Metadata } from 'next';
import { connection } from 'next/server';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { getCurrentUser } from '@/lib/auth/session';
import { countUsers } from '@/lib/db/users';
import { appEnv } from '@/lib/env';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage() {
  await connection(); // depends on the database, never prerendered
  if (countUsers() === 0) redirect('/setup');
  if (await getCurrentUser()) redirect('/');
  return (
    <main className="auth-page">
      <div className="card auth-card">
        <h1>Sign in to Pixvault</h1>
        <SignInForm gitHub={appEnv().github !== null} />
      </div>
    </main>
  );
}
