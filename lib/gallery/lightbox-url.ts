/** The gallery address with the lightbox's `?image=<id>` set or removed, other parameters kept. */
export const IMAGE_PARAM = 'image';

export function lightboxHref(location: { pathname: string; search: string }, id: string | null): string {
  const params = new URLSearchParams(location.search);
  if (id === null) params.delete(IMAGE_PARAM);
  else params.set(IMAGE_PARAM, id);
  const query = params.toString();
  return query ? `${location.pathname}?${query}` : location.pathname;
}
