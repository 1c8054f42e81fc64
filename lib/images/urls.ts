/** Delivery URLs for the app: built from configuration, signed server-side, expiries bucketed for caching. */

import { bucketedExpiry } from '@/lib/cloudflare-images/expiry';
import { encodeDeliveryId } from '@/lib/cloudflare-images/ids';
import { signUrl } from '@/lib/cloudflare-images/signing';
import { appEnv } from '@/lib/env';
import type { AppVariant } from '@/lib/schemas/variant';
import { cachedSigningKey } from './signing-keys';

export function deliveryUrl(serviceId: string, variant: string): string {
  const { deliveryBase, accountHash } = appEnv().images;
  return `${deliveryBase}/${accountHash}/${encodeDeliveryId(serviceId)}/${variant}`;
}

/**
 * Signed URLs for several variants of one image, all sharing one bucketed expiry: within a bucket the
 * same image and variant always get the same URL, so the browser's cache answers a repeat visit.
 * `key`: the newest signing key (`await signingKey()` from ./signing-keys; by default the cached one).
 */
export function signedVariantUrls<V extends AppVariant>(
  serviceId: string,
  variants: readonly V[],
  nowMs = Date.now(),
  key = cachedSigningKey(nowMs),
): { urls: Record<V, string>; expiresAt: number } {
  const env = appEnv();
  const expiresAt = bucketedExpiry(Math.floor(nowMs / 1000), env.signedUrlTtlSeconds, env.signedUrlBucketSeconds);
  const urls = {} as Record<V, string>;
  for (const v of variants) urls[v] = signUrl(deliveryUrl(serviceId, v), key, expiresAt);
  return { urls, expiresAt };
}

/** A one-off signed link with an exact lifetime, not bucketed (the admin console's variant preview). */
export function signedLink(
  serviceId: string,
  variant: string,
  ttlSeconds: number,
  nowMs = Date.now(),
  key = cachedSigningKey(nowMs),
): { url: string; expiresAt: number } {
  const expiresAt = Math.floor(nowMs / 1000) + ttlSeconds;
  return { url: signUrl(deliveryUrl(serviceId, variant), key, expiresAt), expiresAt };
}
