/**
 * The app's named variants at the image service (their names and definitions are in
 * `lib/schemas/variant.ts`): their real output widths, so `srcset` descriptors tell the browser the
 * truth, and their set-up at start-up.
 */
import { type AppVariant, VARIANT_DEFINITIONS } from '@/lib/schemas/variant';
import type { ImagesClient, VariantDefinition } from './client';

/** The width a scale-down variant produces for an image of `width`×`height` (a side without a bound does not limit). */
export function variantWidth(variant: AppVariant, width: number, height: number): number {
  const def = VARIANT_DEFINITIONS.find((v) => v.id === variant);
  if (!def || width <= 0 || height <= 0) return width;
  const { width: maxWidth = Number.POSITIVE_INFINITY, height: maxHeight = Number.POSITIVE_INFINITY } = def.options;
  const scale = Math.min(maxWidth / width, maxHeight / height, 1);
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
