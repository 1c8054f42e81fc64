import type { Metadata } from 'next';
import { LinksView } from '@/components/sharing/links-view';
import { requirePageUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'My links' };

/** Share links: your own (admins: everyone's). Viewers share nothing, so the page is for uploaders and admins. */
export default async function LinksPage() {
  const user = await requirePageUser('uploader');
  return <LinksView isAdmin={user.role === 'admin'} />;
}
