import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { AcceptInviteForm } from '@/components/auth/accept-invite-form';
import { INVITE_REFUSALS } from '@/lib/auth/invite-messages';
import { lookUpInvite } from '@/lib/auth/invites';
import { getCurrentUser } from '@/lib/auth/session';
import { signOutForInviteAction } from './actions';

// The token is in this page's URL: no link on it may hand the URL to another site.
export const metadata: Metadata = { title: 'Accept your invite', referrer: 'no-referrer' };

/** An invitee opens their one-time link: set a name and password, or learn why the link no longer works. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  await connection(); // depends on the database, never prerendered
  const { token } = await params;
  const [invite, user] = await Promise.all([lookUpInvite(token), getCurrentUser()]);

  if (invite.state !== 'pending') {
    const why = INVITE_REFUSALS[invite.state];
    return (
      <main className="auth-page">
        <div className="card auth-card" data-invite-state={invite.state}>
          <h1>{why.title}</h1>
          <p className="muted">{why.message}</p>
          <Link href="/sign-in" className="button">
            Go to sign-in
          </Link>
        </div>
      </main>
    );
  }

  return (
    <main className="auth-page">
      <div className="card auth-card" data-invite-state="pending">
        <h1>Join Pixvault</h1>
        {user ? (
          <form action={signOutForInviteAction}>
            <p>
              You are signed in as <strong>{user.email}</strong>. This invite is for <strong>{invite.email}</strong>:
              sign out to accept it.
            </p>
            <input type="hidden" name="token" value={token} />
            <button type="submit" className="button button-primary">
              Sign out and continue
            </button>
          </form>
        ) : (
          <>
            <p className="muted">
              You were invited as <strong>{invite.role}</strong>. Choose your name and a password; the link then stops
              working.
            </p>
            <AcceptInviteForm token={token} email={invite.email} />
          </>
        )}
      </div>
    </main>
  );
}
