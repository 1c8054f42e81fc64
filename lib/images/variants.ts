/**
 * The named variants the app serves (Cloudflare allows only named variants on signed images), and
 * their real output widths, so `srcset` descriptors tell the browser the truth.
 */
import type { ImagesClient, VariantDefinition } from './client';

export const GALLERY_VARIANTS = ['thumbnail', 'mobile', 'desktop'] as const;
export const ALL_VARIANTS = ['thumbnail', 'mobile', 'desktop', 'public'] as const;
export type AppVariant = (typeof ALL_VARIANTS)[number];

export const VARIANT_DEFINITIONS: readonly VariantDefinition[] = [
  { id: 'thumbnail', options: { fit: 'scale-down', width: 400, height: 400, metadata: 'none' } },
  { id: 'mobile', options: { fit: 'scale-down', width: 828, height: 1792, metadata: 'none' } },
  { id: 'desktop', options: { fit: 'scale-down', width: 1920, height: 1920, metadata: 'none' } },
  { id: 'public', options: { fit: 'scale-down', width: 1366, height: 768, metadata: 'none' } },
];

/** The width a scale-down variant produces for an image of `width`×`height`. */
export function variantWidth(variant: AppVariant, width: number, height: number): number {
  const def = VARIANT_DEFINITIONS.find((v) => v.id === variant);
  if (!def || width <= 0 || height <= 0) return width;
  const scale = Math.min(def.options.width / width, def.options.height / height, 1);
  return Math.max(1, Math.round(width * scale));
}

function sameDefinition(a: VariantDefinition, b: VariantDefinition): boolean {
  return (
    (['fit', 'width', 'height', 'metadata'] as const).every((k) => a.options[k] === b.options[k]) &&
    Boolean(a.neverRequireSignedURLs) === Boolean(b.neverRequireSignedURLs)
  );
}

/** Creates or corrects the app's variants; running it twice changes nothing the second time. */
export async function ensureVariants(client: ImagesClient): Promise<{ created: string[]; updated: string[] }> {
  const existing = await client.listVariants();
  const created: string[] = [];
  const updated: string[] = [];
  for (const def of VARIANT_DEFINITIONS) {
    const current = existing[def.id];
    if (!current) {
      await client.createVariant(def);
      created.push(def.id);
    } else if (!sameDefinition(current, def)) {
      await client.updateVariant(def);
      updated.push(def.id);
    }
  }
  return { created, updated };
}
