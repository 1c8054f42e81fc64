import type { ReactNode } from 'react';
import { AdminNav } from '@/components/admin/shell/admin-nav';
import { requireAdminPage } from '@/lib/admin/guard';

/**
 * The role check for every admin page, made here as well as in each page: a layout renders before
 * any loading boundary below it, so a refusal is a real 403 (or a redirect to sign in), not a
 * streamed 200 page.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireAdminPage();
  return (
    <>
      <AdminNav />
      {children}
    </>
  );
}
