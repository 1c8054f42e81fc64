import 'server-only';
/**
 * A variant's preview for the console: one image in that variant, next to its original, with the byte
 * size the delivery answers with per format. The signed variant URL is fetched from this server three
 * times with different `Accept` headers (AVIF, WebP, neither), as browsers of each kind would; each
 * fetch is a real delivery (billed on Cloudflare), so the page says so.
 */
import { ApiError, notFound } from '@/lib/api/errors';
import type { Actor } from '@/lib/auth/roles';
import { optionsFromVariant } from '@/lib/cloudflare-images/options';
import { planSize } from '@/lib/cloudflare-images/sizing';
import { listGallery } from '@/lib/db/gallery-list';
import { getImage } from '@/lib/db/images';
import { imagesClient } from '@/lib/images/client';
import { signingKey } from '@/lib/images/signing-keys';
import { signedLink } from '@/lib/images/urls';
import { assertAdmin } from './guard';
import { withServiceRefusals } from './service-refusal';

export const PREVIEW_FORMATS = [
  { label: 'AVIF', accept: 'image/avif,image/webp,image/*,*/*;q=0.8' },
  { label: 'WebP', accept: 'image/webp,image/*,*/*;q=0.8' },
  { label: 'JPEG / original format', accept: 'image/jpeg,image/png,image/gif;q=0.9,*/*;q=0.5' },
] as const;

export interface FormatSize {
  label: string;
  /** What the service actually sent (an SVG, or AVIF too large, comes back in another format). */
  contentType: string | null;
  bytes: number | null;
  /** Why there is no size (status or timeout), null when there is one. */
  problem: string | null;
}

export interface VariantPreview {
  variant: string;
  image: { id: string; title: string; width: number; height: number; bytes: number | null };
  /** What the variant's options make of this image's size (before any format choice). */
  output: { width: number; height: number };
  variantUrl: string;
  /** The image through the `desktop` variant, as a stand-in for the original (same shape, smaller). */
  originalUrl: string;
  sizes: FormatSize[];
}

const PREVIEW_TTL_SECONDS = 900;
const FETCH_TIMEOUT_MS = 30_000;

async function measure(url: string, accept: string, label: string): Promise<FormatSize> {
  try {
    const res = await fetch(url, {
      headers: { accept },
      cache: 'no-store',
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
    if (!res.ok) {
      await res.body?.cancel();
      return { label, contentType: null, bytes: null, problem: `The image service answered ${res.status}.` };
    }
    const bytes = (await res.arrayBuffer()).byteLength;
    return { label, contentType: res.headers.get('content-type'), bytes, problem: null };
  } catch {
    return { label, contentType: null, bytes: null, problem: 'No answer in time.' };
  }
}

export async function variantPreview(
  admin: Actor,
  variantId: string,
  imageId: string,
  nowMs = Date.now(),
): Promise<VariantPreview> {
  assertAdmin(admin);
  const row = await getImage(imageId);
  if (row?.status !== 'ready' || !row.service_id) throw notFound();
  const variant = (await withServiceRefusals(() => imagesClient().listVariants()))[variantId];
  if (!variant) throw new ApiError(404, 'not_found', `Variant "${variantId}" not found.`);
  const width = row.width ?? 1;
  const height = row.height ?? 1;
  const key = await signingKey(nowMs);
  const variantUrl = signedLink(row.service_id, variantId, PREVIEW_TTL_SECONDS, nowMs, key).url;
  // One at a time: three renders of one image at once would only queue behind each other.
  const sizes: FormatSize[] = [];
  for (const f of PREVIEW_FORMATS) sizes.push(await measure(variantUrl, f.accept, f.label));
  return {
    variant: variantId,
    image: { id: row.id, title: row.title, width, height, bytes: row.bytes },
    output: planSize(width, height, optionsFromVariant(variant.options)),
    variantUrl,
    originalUrl: signedLink(row.service_id, 'desktop', PREVIEW_TTL_SECONDS, nowMs, key).url,
    sizes,
  };
}

export interface PreviewCandidate {
  id: string;
  title: string;
  width: number;
  height: number;
}

/** The images an admin may preview a variant with: the newest ready ones. */
export async function previewCandidates(admin: Actor): Promise<PreviewCandidate[]> {
  assertAdmin(admin);
  return (await listGallery({ limit: 50 })).rows.map((r) => ({
    id: r.id,
    title: r.title,
    width: r.width ?? 1,
    height: r.height ?? 1,
  }));
}
