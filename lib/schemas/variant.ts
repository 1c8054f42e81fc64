/** Named variants, as the Cloudflare Images variants API defines them. Shared by the service and the app. */
import { z } from 'zod';

export const FITS = ['scale-down', 'contain', 'cover', 'crop', 'pad'] as const;
export const METADATA_MODES = ['keep', 'copyright', 'none'] as const;

export const variantIdSchema = z
  .string()
  .min(1)
  .max(99)
  .regex(/^[a-zA-Z0-9]+$/, 'Variant names may only contain letters and digits');

export const variantOptionsSchema = z.looseObject({
  fit: z.enum(FITS),
  width: z.number().int().min(1).max(12_000).optional(),
  height: z.number().int().min(1).max(12_000).optional(),
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
