import type { Metadata } from 'next';
import { ImageDetailView } from '@/components/image/image-detail-view';
import { requirePageUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Image' };

export default async function ImagePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageUser();
  const { id } = await params;
  return <ImageDetailView id={id} />;
}
