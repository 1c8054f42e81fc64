/** Which variants a picture offers the browser and at what size it is drawn, for the ladders in lib/schemas/variant.ts. */
import { type GalleryVariant, TILE_VARIANTS } from '@/lib/schemas/gallery-variants';
import { coverScale, type Sized } from './masonry';

/** A tile's candidates; a panorama drawn wider than its tile (cover) also gets the lightbox's larger rungs. */
export function tileVariants(image: Sized): readonly GalleryVariant[] {
  return coverScale(image) > 1 ? [...TILE_VARIANTS, 'large', 'desktop'] : TILE_VARIANTS;
}

/** The lightbox's stage is the viewport minus the top bar and padding; `sizes` follows from the image's proportions. */
export function lightboxSizes(image: Sized): string {
  const ratio = image.width / Math.max(1, image.height);
  return `min(100vw, calc((100vh - 110px) * ${ratio.toFixed(3)}))`;
}
