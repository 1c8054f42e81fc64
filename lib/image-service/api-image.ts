/** An image record in the API's shape, as every images endpoint returns it. */
import { encodeDeliveryId } from '@/lib/cloudflare-images/ids';
import type { ImageRow } from './db';

export interface ApiImage {
  id: string;
  filename: string | null;
  meta: Record<string, unknown>;
  requireSignedURLs: boolean;
  uploaded: string;
  variants: string[];
  creator?: string;
  draft?: true;
}

export function deliveryBase(publicUrl: string, accountHash: string): string {
  return `${publicUrl}/${accountHash}`;
}

export function toApiImage(row: ImageRow, base: string, variantNames: readonly string[]): ApiImage {
  const path = `${base}/${encodeDeliveryId(row.id)}`;
  const image: ApiImage = {
    id: row.id,
    filename: row.draft ? null : row.filename,
    meta: JSON.parse(row.meta) as Record<string, unknown>,
    requireSignedURLs: row.require_signed === 1,
    uploaded: new Date(row.uploaded).toISOString(),
    variants: variantNames.map((name) => `${path}/${name}`),
  };
  if (row.creator !== null) image.creator = row.creator;
  if (row.draft) image.draft = true;
  return image;
}
