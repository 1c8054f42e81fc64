/**
 * What the app records about an uploaded original: upright size and a ~25-byte ThumbHash placeholder.
 * From the service's stored details and its small variant when it reports them (the embedded service,
 * see stored-details.ts); only real Cloudflare, whose record has no dimensions, needs the original read.
 */
import sharp from 'sharp';
import type { StoredDetails } from '@/lib/cloudflare-images/stored-details';
import { svgIntrinsicSize, svgRootAttributes } from '@/lib/cloudflare-images/svg-size';
import type { ImagesClient } from './client';
import { placeholderFromVariant, thumbHashOf } from './placeholder';

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

/** Recorded about an image: size, format and placeholder. */
export interface ImageFacts extends OriginalDetails {
  bytes: number;
  contentType: string;
}

/** The facts from the service's own data: its stored details and the ≤100 px variant. The original is never read. */
export async function describeStored(
  client: ImagesClient,
  serviceId: string,
  stored: StoredDetails,
): Promise<ImageFacts> {
  const { width, height, bytes, contentType, format } = stored;
  // An SVG has no pixels to hash here (never rasterized on the app server); one without a size is a square tile.
  const placeholder = format === 'svg' ? null : await placeholderFromVariant(client, serviceId);
  const known = width > 0 && height > 0;
  return { width: known ? width : 1, height: known ? height : 1, bytes, contentType, placeholder };
}

/** Fallback for a backend without stored details (real Cloudflare): reads the whole original once. */
export async function describeFromOriginal(client: ImagesClient, serviceId: string): Promise<ImageFacts> {
  const res = await client.blob(serviceId);
  const bytes = Buffer.from(await res.arrayBuffer());
  const contentType = res.headers.get('content-type') ?? 'application/octet-stream';
  return { ...(await describeOriginal(bytes, contentType)), bytes: bytes.length, contentType };
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
  // A placeholder is a nicety; the image itself is fine without one.
  const placeholder = await thumbHashOf(bytes).catch(() => null);
  return { width: sideways ? h : w, height: sideways ? w : h, placeholder };
}
