import type { Metadata } from 'next';
import { AlbumsView } from '@/components/albums/albums-view';
import { canUpload } from '@/lib/auth/roles';
import { requirePageUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Albums' };

export default async function AlbumsPage() {
  const user = await requirePageUser();
  return <AlbumsView canCreate={canUpload(user)} />;
}
