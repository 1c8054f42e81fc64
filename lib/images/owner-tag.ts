import 'server-only';
/**
 * Keeps the `owner` tag in an image's metadata at the image backend in step with the app's record after
 * an owner change, so the Cloudflare dashboard (and anyone reconciling from it) names the right person.
 * The app's database is the authority on ownership: a tag that cannot be rewritten is reported, never a
 * reason to undo the change.
 */
import { imagesClient } from './client';

/** Rewrites the owner tag of each image; returns the service ids whose tag could not be rewritten. */
export async function retagOwner(serviceIds: readonly string[], ownerId: string): Promise<string[]> {
  const failed: string[] = [];
  for (const serviceId of serviceIds) {
    try {
      const image = await imagesClient().get(serviceId);
      const metadata = { ...stringEntries(image.meta), owner: ownerId };
      // PATCH replaces the whole metadata object, so the other tags (app, deployment, record) go back too.
      await imagesClient().update(serviceId, { metadata });
    } catch (err) {
      failed.push(serviceId);
      console.warn(`[pixvault] could not rewrite the owner tag of ${serviceId}: ${(err as Error).message}`);
    }
  }
  return failed;
}

function stringEntries(meta: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (meta && typeof meta === 'object') {
    for (const [k, v] of Object.entries(meta)) if (typeof v === 'string') out[k] = v;
  }
  return out;
}
