/**
 * The app's named variants: the names route handlers, forms and the gallery use, and what each one
 * renders. Signed images can only be served through named variants (Cloudflare refuses flexible ones).
 */
import { PUBLIC_VARIANT, type Variant } from '@/lib/cloudflare-images/variants';
import { GALLERY_VARIANTS } from './gallery-variants';

// The names live in a zod-free module, so the gallery's client code can import them without the schemas.
export { GALLERY_VARIANTS, type GalleryVariant, LIGHTBOX_VARIANTS, TILE_VARIANTS } from './gallery-variants';

/** At most 100 px: the source of an image's ThumbHash placeholder, so completion never reads the original. */
export const PLACEHOLDER_VARIANT = 'placeholder';

/** Every variant the app asks for: the gallery's, the placeholder's source, and the account's own `public`. */
export const APP_VARIANTS = [...GALLERY_VARIANTS, PLACEHOLDER_VARIANT, PUBLIC_VARIANT.id] as const;
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
  { id: PLACEHOLDER_VARIANT, options: { fit: 'scale-down', width: 100, height: 100, metadata: 'none' } },
  { id: PUBLIC_VARIANT.id, options: PUBLIC_VARIANT.options },
];
