/**
 * Rounds an expiry up to a time bucket so that one image+variant keeps the same URL (and so the same
 * browser-cache entry) for a whole bucket, while every URL stays valid for at least `minTtl` seconds.
 */
export function bucketedExpiry(nowSeconds: number, minTtlSeconds: number, bucketSeconds: number): number {
  const earliest = Math.floor(nowSeconds) + minTtlSeconds;
  return Math.ceil(earliest / bucketSeconds) * bucketSeconds;
}
