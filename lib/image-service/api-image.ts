/** An image record in the API's shape, as every images endpoint returns it. */

import { CAPTURE_INFO_FIELD, type CaptureInfo } from '@/lib/cloudflare-images/capture-info';
import { encodeDeliveryId } from '@/lib/cloudflare-images/ids';
import type { StoredDetails } from '@/lib/cloudflare-images/stored-details';
import { type ImageRow, isStored } from './db';

export interface ApiImage {
  id: string;
  filename: string | null;
  meta: Record<string, unknown>;
  requireSignedURLs: boolean;
  uploaded: string;
  variants: string[];
  creator?: string;
  draft?: true;
  /** Not Cloudflare's: what the service stored (lib/cloudflare-images/stored-details.ts). */
  pixvault?: StoredDetails;
  /** Extension (capture-info.ts): how the photo was taken; absent when the original has no such EXIF. */
  [CAPTURE_INFO_FIELD]?: CaptureInfo;
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
  if (isStored(row)) {
    const { format, content_type: contentType, width, height, frames, bytes } = row;
    image.pixvault = { format, contentType, width, height, frames, bytes };
  }
  if (row.capture) image[CAPTURE_INFO_FIELD] = JSON.parse(row.capture) as CaptureInfo;
  return image;
}
