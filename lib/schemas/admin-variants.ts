/**
 * The console's variant and account-settings forms: HTML form fields (strings) parsed into the
 * variants API's shape (lib/cloudflare-images/variants.ts) and `v1/config`'s.
 */
import { z } from 'zod';
import { MAX_SIDE } from '@/lib/cloudflare-images/limits';
import { METADATA_MODES, VARIANT_FITS, variantIdSchema } from '@/lib/cloudflare-images/variants';

/** A blank field is "not set"; otherwise a whole number of pixels. */
const side = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? Number(v) : v),
  z
    .number({ error: 'Width and height are whole numbers of pixels.' })
    .int('Width and height are whole numbers of pixels.')
    .min(1, 'Width and height are at least 1 pixel.')
    .max(MAX_SIDE, `Width and height are at most ${MAX_SIDE} pixels.`)
    .optional(),
);

const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());

export const variantFormSchema = z
  .object({
    id: variantIdSchema,
    fit: z.enum(VARIANT_FITS, { error: 'Choose how the image fits.' }),
    width: side,
    height: side,
    metadata: z.enum(METADATA_MODES, { error: 'Choose which metadata to keep.' }),
    neverRequireSignedURLs: checkbox,
  })
  .refine((v) => v.width !== undefined || v.height !== undefined, {
    message: 'Give a width, a height or both.',
    path: ['width'],
  });
export type VariantForm = z.infer<typeof variantFormSchema>;

/** Cloudflare's bounds for the account's browser TTL (seconds). */
export const BROWSER_TTL = { min: 3600, max: 31_536_000 } as const;

export const accountSettingsFormSchema = z.object({
  flexible_variants: checkbox,
  browser_ttl: z.coerce
    .number({ error: 'The browser TTL is a number of seconds.' })
    .int('The browser TTL is a whole number of seconds.')
    .min(BROWSER_TTL.min, `The browser TTL is at least ${BROWSER_TTL.min} seconds (1 hour).`)
    .max(BROWSER_TTL.max, `The browser TTL is at most ${BROWSER_TTL.max} seconds (1 year).`),
});

export const previewRequestSchema = z.object({
  variant: variantIdSchema,
  imageId: z.string().min(1).max(200),
});
