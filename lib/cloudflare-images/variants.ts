/** Named variants, as the Cloudflare Images variants API defines them. */
import { z } from 'zod';
import { MAX_SIDE } from './limits';

export const VARIANT_FITS = ['scale-down', 'contain', 'cover', 'crop', 'pad'] as const;
export const METADATA_MODES = ['keep', 'copyright', 'none'] as const;
/** Variants one account may define. */
export const MAX_VARIANTS = 100;

export const variantIdSchema = z
  .string()
  .min(1)
  .max(99)
  .regex(/^[a-zA-Z0-9]+$/, 'Variant names may only contain letters and digits');

export const variantOptionsSchema = z.looseObject({
  fit: z.enum(VARIANT_FITS),
  width: z.number().int().min(1).max(MAX_SIDE).optional(),
  height: z.number().int().min(1).max(MAX_SIDE).optional(),
  metadata: z.enum(METADATA_MODES),
  blur: z.number().min(0).max(250).optional(),
  browser_ttl: z.number().int().min(0).max(31_536_000).optional(),
});
export type VariantOptions = z.infer<typeof variantOptionsSchema>;

export const variantCreateSchema = z.object({
  id: variantIdSchema,
  options: variantOptionsSchema,
  neverRequireSignedURLs: z.boolean().optional(),
});

export const variantUpdateSchema = z.object({
  options: variantOptionsSchema,
  neverRequireSignedURLs: z.boolean().optional(),
});

export interface Variant {
  id: string;
  options: VariantOptions;
  neverRequireSignedURLs: boolean;
}

/** The variant every account starts with; it cannot be deleted. */
export const PUBLIC_VARIANT = {
  id: 'public',
  options: { fit: 'scale-down', width: 1366, height: 768, metadata: 'none' },
  neverRequireSignedURLs: false,
} as const satisfies Variant;
