import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/site-header';
import { getCurrentUser } from '@/lib/auth/session';
import { countUsers } from '@/lib/db/users';

export default async function GalleryLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  if (!user) redirect((await countUsers()) === 0 ? '/setup' : '/sign-in');
  return (
    <>
      <SiteHeader user={user} />
      <main className="page">{children}</main>
    </>
  );
}
