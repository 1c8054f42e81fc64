import type { Metadata } from 'next';
import { GalleryView } from '@/components/gallery/gallery-view';
import { canUpload } from '@/lib/auth/roles';
import { requirePageUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Gallery' };

export default async function GalleryPage() {
  const user = await requirePageUser();
  return <GalleryView canUpload={canUpload(user)} />;
}
