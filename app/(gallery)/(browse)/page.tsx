import { HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { GalleryView } from '@/components/gallery/gallery-view';
import { canUpload } from '@/lib/auth/roles';
import { requirePageUser } from '@/lib/auth/session';
import { filtersFromParams } from '@/lib/gallery/filters';
import { prefetchGallery } from '@/lib/queries/prefetch-gallery';

export const metadata: Metadata = { title: 'Gallery' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The first page comes with the HTML, so thumbnails load with the page instead of after the scripts. */
export default async function GalleryPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePageUser();
  const raw = await searchParams;
  const first = (key: string) => {
    const value = raw[key];
    return (Array.isArray(value) ? value[0] : value) ?? null;
  };
  const state = await prefetchGallery(user, filtersFromParams({ get: first }, canUpload(user)));
  return (
    <HydrationBoundary state={state}>
      <GalleryView canUpload={canUpload(user)} />
    </HydrationBoundary>
  );
}
