/**
 * The app's named variants: the names route handlers, forms and the gallery use, and what each one
 * renders. Signed images can only be served through named variants (Cloudflare refuses flexible ones).
 */
import { PUBLIC_VARIANT, type Variant } from '@/lib/cloudflare-images/variants';

/** What the gallery puts in `srcset`, smallest first. */
export const GALLERY_VARIANTS = ['thumbnail', 'mobile', 'desktop'] as const;
export type GalleryVariant = (typeof GALLERY_VARIANTS)[number];

/** At most 100 px: the source of an image's ThumbHash placeholder, so completion never reads the original. */
export const PLACEHOLDER_VARIANT = 'placeholder';

/** Every variant the app asks for: the gallery's, the placeholder's source, and the account's own `public`. */
export const APP_VARIANTS = [...GALLERY_VARIANTS, PLACEHOLDER_VARIANT, PUBLIC_VARIANT.id] as const;
export type AppVariant = (typeof APP_VARIANTS)[number];

export interface AppVariantDefinition extends Omit<Variant, 'id' | 'neverRequireSignedURLs'> {
  id: AppVariant;
  neverRequireSignedURLs?: boolean;
}

/** What each variant renders; the app creates or corrects them at start-up. */
export const VARIANT_DEFINITIONS: readonly AppVariantDefinition[] = [
  { id: 'thumbnail', options: { fit: 'scale-down', width: 400, height: 400, metadata: 'none' } },
  { id: 'mobile', options: { fit: 'scale-down', width: 828, height: 1792, metadata: 'none' } },
  { id: 'desktop', options: { fit: 'scale-down', width: 1920, height: 1920, metadata: 'none' } },
  { id: PLACEHOLDER_VARIANT, options: { fit: 'scale-down', width: 100, height: 100, metadata: 'none' } },
  { id: PUBLIC_VARIANT.id, options: PUBLIC_VARIANT.options },
];
