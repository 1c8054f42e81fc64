/**
 * An image's ~25-byte ThumbHash placeholder, computed from its ≤100 px `placeholder` variant (a signed
 * delivery of a few KB), never from the original.
 */
import sharp from 'sharp';
import { rgbaToThumbHash } from 'thumbhash';
import { PLACEHOLDER_VARIANT } from '@/lib/schemas/variant';
import type { ImagesClient } from './client';
import { signingKey } from './signing-keys';
import { signedLink } from './urls';

/** ThumbHash of any image sharp reads (first frame, upright, fitted into 100×100), base64. */
export async function thumbHashOf(bytes: Buffer): Promise<string> {
  const { data, info } = await sharp(bytes, { pages: 1 })
    .autoOrient()
    .resize(100, 100, { fit: 'inside' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return Buffer.from(rgbaToThumbHash(info.width, info.height, data)).toString('base64');
}

/** The placeholder from the small variant; null when it cannot be made (a nicety: the image itself is fine). */
export async function placeholderFromVariant(client: ImagesClient, serviceId: string): Promise<string | null> {
  try {
    const now = Date.now();
    const { url } = signedLink(serviceId, PLACEHOLDER_VARIANT, 300, now, await signingKey(now));
    return await thumbHashOf(await client.deliver(url));
  } catch {
    return null;
  }
}
