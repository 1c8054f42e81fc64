import 'server-only';
/**
 * The gallery's first page for the server render: the same query, authorization and signing as
 * `GET /api/images` (galleryPage with the API's defaults), put under the key the browser's
 * `useInfiniteQuery` reads, so the HTML already holds the first tiles and the client fetches only
 * later pages. A failure is left out of the state and the browser fetches (and shows any error) itself.
 */
import { dehydrate, QueryClient } from '@tanstack/react-query';
import type { Actor } from '@/lib/auth/roles';
import { galleryPage } from '@/lib/images/read';
import { listQuerySchema } from '@/lib/schemas/api';
import { type GalleryFilters, galleryQueryOptions } from './images';

export async function prefetchGallery(viewer: Actor, filters: GalleryFilters) {
  const client = new QueryClient();
  const q = listQuerySchema.parse({
    filter: filters.filter,
    q: filters.q || undefined,
    sort: filters.sort,
    tag: filters.tag || undefined,
  });
  await client.prefetchInfiniteQuery({
    ...galleryQueryOptions(filters),
    queryFn: () => galleryPage(viewer, { filter: q.filter, search: q.q, sort: q.sort, tag: q.tag, limit: q.limit }),
  });
  return dehydrate(client);
}
