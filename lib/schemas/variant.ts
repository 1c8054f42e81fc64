/**
 * The app's named variants: the names route handlers, forms and the gallery use, and what each one
 * renders. Signed images can only be served through named variants (Cloudflare refuses flexible ones).
 */
import { PUBLIC_VARIANT, type Variant } from '@/lib/cloudflare-images/variants';

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

/** Every variant the app asks for: the gallery's, and the account's own `public`. */
export const APP_VARIANTS = [...GALLERY_VARIANTS, PUBLIC_VARIANT.id] as const;
export type AppVariant = (typeof APP_VARIANTS)[number];

export interface AppVariantDefinition extends Omit<Variant, 'id' | 'neverRequireSignedURLs'> {
  id: AppVariant;
  neverRequireSignedURLs?: boolean;
}

/**
 * A grid rung: bound by width only, in practice (up to 3× as tall, the tallest tile the grid shows), so
 * its width is the same for every tile shape and the ladder's steps hold for portraits too.
 */
const tile = (id: AppVariant, width: number): AppVariantDefinition => ({
  id,
  options: { fit: 'scale-down', width, height: width * 3, metadata: 'none' },
});

/** What each variant renders; the app creates or corrects them at start-up. */
export const VARIANT_DEFINITIONS: readonly AppVariantDefinition[] = [
  { id: 'thumbnail', options: { fit: 'scale-down', width: 400, height: 400, metadata: 'none' } },
  { id: 'mobile', options: { fit: 'scale-down', width: 828, height: 1792, metadata: 'none' } },
  { id: 'desktop', options: { fit: 'scale-down', width: 1920, height: 1920, metadata: 'none' } },
  tile('tile200', 200),
  tile('tile300', 300),
  tile('tile450', 450),
  tile('tile675', 675),
  { id: 'large', options: { fit: 'scale-down', width: 1280, height: 1280, metadata: 'none' } },
  { id: PUBLIC_VARIANT.id, options: PUBLIC_VARIANT.options },
];
