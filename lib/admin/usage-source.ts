import 'server-only';
/**
 * Delivery counts for the admin console, from whichever image backend is configured. The embedded
 * service counts deliveries itself (its usage report, an extension outside the Cloudflare API); real
 * Cloudflare's Analytics API has totals per day but no per-image counts, so there the answer is null
 * and the console shows "—".
 */
import { USAGE_MAX_IMAGES, type UsageReport } from '@/lib/cloudflare-images/usage-report';
import { appEnv } from '@/lib/env';
import { imagesClient } from '@/lib/images/client';

/** Beyond this many ids one report of every delivered image is cheaper than many lists of ids. */
const LIST_IDS_UP_TO = 200;
/** Keeps each request line well under common limits (ids can be long). */
const MAX_QUERY_CHARS = 6000;

/** The embedded service's usage report; null on real Cloudflare (it has no such endpoint). */
export async function embeddedUsageReport(
  params: Record<string, string | number>,
  images: readonly string[] = [],
): Promise<UsageReport | null> {
  if (appEnv().backend !== 'embedded') return null;
  const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
  for (const id of images) query.append('image', id);
  return imagesClient().usageReport(query);
}

/** `ids` in chunks whose query stays short and within the service's per-request maximum. */
function chunks(ids: readonly string[]): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  for (const id of ids) {
    const length = encodeURIComponent(id).length + 7;
    if (current.length > 0 && (current.length >= USAGE_MAX_IMAGES || chars + length > MAX_QUERY_CHARS)) {
      out.push(current);
      current = [];
      chars = 0;
    }
    current.push(id);
    chars += length;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * Deliveries of each image over the last `days` days, keyed by the image's service id (images with no
 * delivery may be missing from the map: they count as 0). Null: not available on this backend.
 */
export async function deliveriesByImage(
  serviceIds: readonly string[],
  days: number,
): Promise<ReadonlyMap<string, number> | null> {
  if (appEnv().backend !== 'embedded') return null;
  const base = { days, top: 0 };
  if (serviceIds.length > LIST_IDS_UP_TO) {
    const report = await embeddedUsageReport({ ...base, every_image: 1 });
    return report && new Map(Object.entries(report.images));
  }
  const counts = new Map<string, number>();
  for (const chunk of chunks(serviceIds)) {
    const report = await embeddedUsageReport(base, chunk);
    for (const [id, n] of Object.entries(report?.images ?? {})) counts.set(id, n);
  }
  return counts;
}
