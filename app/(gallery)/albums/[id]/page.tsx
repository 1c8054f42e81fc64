import type { Metadata } from 'next';
import { AlbumView } from '@/components/albums/album-view';
import { requirePageUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Album' };

export default async function AlbumPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageUser();
  const { id } = await params;
  return <AlbumView id={id} />;
}
