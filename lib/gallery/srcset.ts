/** `srcset` strings from the signed variant URLs and their real widths (never guessed widths). */
import type { GalleryImage, GalleryVariant } from '@/lib/schemas/api';

export function variantSrcSet(
  image: Pick<GalleryImage, 'urls' | 'widths'>,
  variants: readonly GalleryVariant[],
): string {
  const seen = new Set<number>();
  return (
    variants
      .map((v) => ({ url: image.urls[v], w: image.widths[v] }))
      .sort((a, b) => a.w - b.w)
      // Small originals make several variants the same width; duplicate descriptors invalidate the srcset.
      .filter(({ w }) => (seen.has(w) ? false : (seen.add(w), true)))
      .map(({ url, w }) => `${url} ${w}w`)
      .join(', ')
  );
}

/** Height for `width` keeping the image's proportions, for the `width`/`height` attributes. */
export function scaledHeight(image: Pick<GalleryImage, 'width' | 'height'>, width: number): number {
  return Math.max(1, Math.round((width * image.height) / Math.max(1, image.width)));
}
