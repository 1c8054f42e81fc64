import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { SharePasswordForm } from '@/components/sharing/share-password-form';
import { ShareRefused } from '@/components/sharing/share-refused';
import { SharedView } from '@/components/sharing/shared-view';
import { visitShare } from '@/lib/sharing/visit';

// The token is in this page's URL: no link on it may hand the URL to another site, nor a search engine keep it.
export const metadata: Metadata = { title: 'Shared with you', referrer: 'no-referrer', robots: { index: false } };

/**
 * A share link, for anyone holding it, signed in or not. A revoked or expired link is answered with
 * 410 by the proxy (lib/sharing/gone-response.ts) before this page runs; an unknown token is a 404.
 * Every visit signs the images afresh and counts one view.
 */
export default async function SharePage({ params }: { params: Promise<{ token: string }> }) {
  await connection(); // depends on the database, never prerendered
  const { token } = await params;
  const visit = await visitShare(token, async (name) => (await cookies()).get(name)?.value);
  if (visit.state === 'unknown') notFound();
  if (visit.state === 'locked') return <SharePasswordForm token={token} />;
  if (visit.state !== 'open') return <ShareRefused reason={visit.state} />;
  const { link, content } = visit;
  return (
    <SharedView
      token={token}
      content={content}
      expiresAt={link.expires_at === null ? null : new Date(link.expires_at).toISOString()}
    />
  );
}
