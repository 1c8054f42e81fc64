/** `srcset` strings from the signed variant URLs and their real widths (never guessed widths). */
import type { GalleryImage } from '@/lib/schemas/api';
import type { GalleryVariant } from '@/lib/schemas/gallery-variants';

export function variantSrcSet<V extends GalleryVariant>(
  image: { urls: Record<V, string>; widths: Record<V, number> },
  variants: readonly V[],
): string {
  // Small originals make several variants the same width; duplicate descriptors invalidate the srcset.
  const urlByWidth = new Map<number, string>();
  for (const v of variants) if (!urlByWidth.has(image.widths[v])) urlByWidth.set(image.widths[v], image.urls[v]);
  return [...urlByWidth]
    .sort(([a], [b]) => a - b)
    .map(([w, url]) => `${url} ${w}w`)
    .join(', ');
}

/** Height for `width` keeping the image's proportions, for the `width`/`height` attributes. */
export function scaledHeight(image: Pick<GalleryImage, 'width' | 'height'>, width: number): number {
  return Math.max(1, Math.round((width * image.height) / Math.max(1, image.width)));
}
