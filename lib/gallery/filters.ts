/** The gallery's filters as an address states them; read the same way by the server page and the browser. */
import type { GalleryFilters } from '@/lib/queries/images';
import { tagSchema } from '@/lib/schemas/image-text';

export const MAX_QUERY_LENGTH = 100;

/** `canUpload`: "My images" means nothing to someone who cannot upload, so it is ignored for them. */
export function filtersFromParams(params: Pick<URLSearchParams, 'get'>, canUpload = true): GalleryFilters {
  const tag = tagSchema.safeParse(params.get('tag') ?? '');
  return {
    filter: canUpload && params.get('filter') === 'mine' ? 'mine' : 'all',
    q: (params.get('q') ?? '').trim().slice(0, MAX_QUERY_LENGTH),
    sort: params.get('sort') === 'taken' ? 'taken' : 'uploaded',
    tag: tag.success ? tag.data : '',
  };
}

export const sameFilters = (a: GalleryFilters, b: GalleryFilters) =>
  a.filter === b.filter && a.q === b.q && a.sort === b.sort && a.tag === b.tag;
