/**
 * What the app records about an uploaded original: upright size and a ~25-byte ThumbHash placeholder.
 * Worked out from the original itself (Cloudflare's image record has no dimensions).
 */
import sharp from 'sharp';
import { rgbaToThumbHash } from 'thumbhash';
import { svgIntrinsicSize, svgRootAttributes } from '@/lib/cloudflare-images/svg-size';

export interface OriginalDetails {
  width: number;
  height: number;
  placeholder: string | null;
}

/** The declared size, by the one rule the image service uses too; 1×1 (a square tile) when a side is unknown. */
function svgSize(text: string): { width: number; height: number } {
  const { width, height } = svgIntrinsicSize(svgRootAttributes(text));
  return width !== null && height !== null ? { width, height } : { width: 1, height: 1 };
}

export async function describeOriginal(bytes: Buffer, contentType: string): Promise<OriginalDetails> {
  if (contentType.includes('svg')) {
    // SVGs are never rasterized on the app server: only their declared size is read.
    return { ...svgSize(bytes.subarray(0, 64 * 1024).toString('utf8')), placeholder: null };
  }
  const meta = await sharp(bytes).metadata();
  const w = meta.width ?? 0;
  const h = meta.pageHeight ?? meta.height ?? 0;
  const sideways = (meta.orientation ?? 1) >= 5;
  let placeholder: string | null = null;
  try {
    const { data, info } = await sharp(bytes, { pages: 1 })
      .autoOrient()
      .resize(100, 100, { fit: 'inside' })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    placeholder = Buffer.from(rgbaToThumbHash(info.width, info.height, data)).toString('base64');
  } catch {
    placeholder = null; // a placeholder is a nicety; the image itself is fine
  }
  return { width: sideways ? h : w, height: sideways ? w : h, placeholder };
}
