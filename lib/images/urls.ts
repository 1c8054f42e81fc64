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

/** How long signed URLs live: at least `ttlSeconds`, rounded up to `bucketSeconds`, never past `notAfter` (epoch s). */
export interface UrlLifetime {
  ttlSeconds: number;
  bucketSeconds: number;
  notAfter?: number | null;
}

/** The gallery's lifetime, from configuration (PIXVAULT_SIGNED_URL_TTL and _BUCKET). */
export function galleryUrlLifetime(): UrlLifetime {
  const env = appEnv();
  return { ttlSeconds: env.signedUrlTtlSeconds, bucketSeconds: env.signedUrlBucketSeconds };
}

/**
 * Signed URLs for several variants of one image, all sharing one bucketed expiry: within a bucket the
 * same image and variant always get the same URL, so the browser's cache answers a repeat visit.
 * `key`: the newest signing key (`await signingKey()` from ./signing-keys; by default the cached one).
 * `lifetime`: the gallery's by default; share visits pass a shorter one capped at the link's expiry.
 */
export function signedVariantUrls<V extends AppVariant>(
  serviceId: string,
  variants: readonly V[],
  nowMs = Date.now(),
  key = cachedSigningKey(nowMs),
  lifetime = galleryUrlLifetime(),
): { urls: Record<V, string>; expiresAt: number } {
  const bucketed = bucketedExpiry(Math.floor(nowMs / 1000), lifetime.ttlSeconds, lifetime.bucketSeconds);
  const expiresAt = lifetime.notAfter == null ? bucketed : Math.min(bucketed, lifetime.notAfter);
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
