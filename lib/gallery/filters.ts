/** The gallery's filters as an address states them; read the same way by the server page and the browser. */
import type { GalleryFilters } from '@/lib/queries/images';

export const MAX_QUERY_LENGTH = 100;

export function filtersFromParams(params: Pick<URLSearchParams, 'get'>): GalleryFilters {
  return {
    filter: params.get('filter') === 'mine' ? 'mine' : 'all',
    q: (params.get('q') ?? '').trim().slice(0, MAX_QUERY_LENGTH),
  };
}
