/**
 * The names of the variants the gallery shows, in ladders (their definitions: lib/schemas/variant.ts).
 * No imports: browser code reads these, and must not pull the schemas (zod) into the page's bundle.
 */

/**
 * The grid's `srcset` ladder, designed from the tile widths the masonry uses (lib/gallery/masonry.ts):
 * tiles are 141–276 CSS px wide, so 141–826 device px at 1×–3×. Rungs 1.5× apart from 200 to 828 px give
 * every tile a candidate at most 1.5× its displayed width (lib/gallery/ladder.test.ts checks it).
 */
export const TILE_VARIANTS = ['tile200', 'tile300', 'tile450', 'tile675', 'mobile'] as const;

/**
 * The lightbox's ladder: the tiles' rungs (a tall image on a small screen is drawn narrow), then `large`
 * splitting the 828 → 1920 step, up to `desktop`.
 */
export const LIGHTBOX_VARIANTS = [...TILE_VARIANTS, 'large', 'desktop'] as const;

/** Every variant the gallery's pages sign URLs for, smallest first. */
export const GALLERY_VARIANTS = [
  'tile200',
  'tile300',
  'thumbnail',
  'tile450',
  'tile675',
  'mobile',
  'large',
  'desktop',
] as const;
export type GalleryVariant = (typeof GALLERY_VARIANTS)[number];
