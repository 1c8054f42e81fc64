import type { Metadata } from 'next';
import { TrashView } from '@/components/trash/trash-view';
import { requirePageUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Trash' };

export default async function TrashPage() {
  const user = await requirePageUser('uploader');
  return <TrashView isAdmin={user.role === 'admin'} />;
}
