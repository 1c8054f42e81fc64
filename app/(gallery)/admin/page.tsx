import type { Metadata } from 'next';
import { AdminOverview } from '@/components/admin/overview/admin-overview';
import { requireAdminPage } from '@/lib/admin/guard';
import { imageTotals } from '@/lib/db/admin-images';
import { countUsers } from '@/lib/db/users';

export const metadata: Metadata = { title: 'Admin' };

export default async function AdminPage() {
  await requireAdminPage();
  const [totals, users] = await Promise.all([imageTotals(), countUsers()]);
  return (
    <>
      <h1>Admin console</h1>
      <AdminOverview images={totals.images} users={users} bytes={totals.bytes} />
    </>
  );
}
