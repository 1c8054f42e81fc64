import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { SetupForm } from '@/components/auth/setup-form';
import { countUsers } from '@/lib/db/users';

export const metadata: Metadata = { title: 'Set up' };

/** First run only: once any user exists this page is gone. */
export default async function SetupPage() {
  await connection(); // depends on the database, never prerendered
  if ((await countUsers()) > 0) notFound();
  return (
    <main className="auth-page">
      <div className="card auth-card">
        <h1>Welcome to Pixvault</h1>
        <p className="muted">Create the first admin account. You can add more people later.</p>
        <SetupForm />
      </div>
    </main>
  );
}
