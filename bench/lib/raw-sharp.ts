/**
 * The reference of the transform cases: sharp called in-process with the same steps and encoder
 * settings as the service's pipeline (lib/image-service/transform.ts), nothing else — no HTTP, no
 * queue, no files.
 */
import sharp from 'sharp';
import { AVIF_EFFORT, DEFAULT_QUALITY } from '@/lib/image-service/transform';

export type RawFormat = 'avif' | 'webp' | 'jpeg' | 'png';

export function formatOf(contentType: string | null): RawFormat {
  const t = (contentType ?? '').replace('image/', '');
  return t === 'avif' || t === 'webp' || t === 'png' ? t : 'jpeg';
}

/** Decode, orient, resize to exactly `width`×`height` (`cover` crops), encode. */
export async function rawSharp(
  input: Buffer,
  width: number,
  height: number,
  fit: 'cover' | 'fill',
  format: RawFormat,
): Promise<Buffer> {
  const img = sharp(input, { pages: 1, failOn: 'error' }).autoOrient().resize(width, height, { fit });
  switch (format) {
    case 'avif':
      return img.avif({ quality: Math.round(DEFAULT_QUALITY * 0.75), effort: AVIF_EFFORT }).toBuffer();
    case 'webp':
      return img.webp({ quality: DEFAULT_QUALITY, effort: 4 }).toBuffer();
    case 'png':
      return img.png({ compressionLevel: 6 }).toBuffer();
    default:
      return img.flatten({ background: '#ffffff' }).jpeg({ quality: DEFAULT_QUALITY, mozjpeg: true }).toBuffer();
  }
}

/** Milliseconds `work` takes. */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}
