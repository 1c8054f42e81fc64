/** Configuration of the embedded image service. Built by `lib/env.ts` (the only reader of process.env) or by tests. */

export interface ServiceLimits {
  /** Largest accepted upload, bytes (Cloudflare: 10 MB). */
  maxBytes: number;
  /** Largest side, pixels (Cloudflare: 12,000). */
  maxSide: number;
  /** Largest area of one frame, pixels (Cloudflare: 100 MP). */
  maxPixels: number;
  /** Largest area summed over all frames of an animation, pixels. */
  maxAnimationPixels: number;
  /** Largest serialized `metadata`, bytes (Cloudflare: 1024). */
  maxMetadataBytes: number;
}

export interface ServiceConfig {
  dataDir: string;
  /** Absolute base URL clients reach the service at; used in `uploadURL` and `variants`. No trailing slash. */
  publicUrl: string;
  accountId: string;
  accountHash: string;
  apiToken: string;
  /** Value of the `default` signing key. Seeds the key on first run; when set explicitly it is re-applied at start. */
  signingKey: string;
  signingKeyExplicit: boolean;
  limits: ServiceLimits;
  /** Transforms running at once. */
  transformConcurrency: number;
  /** Foreground transforms allowed to wait; one more answers 429. */
  transformQueueMax: number;
  /** Bytes of generated variants kept in memory for hot delivery. */
  memoryCacheBytes: number;
  /** `stats.count.allowed`. */
  imagesAllowed: number;
  /** Generate the named variants of a new image in the background right after upload. */
  eagerVariants: boolean;
  webhook: { url: string; secret: string } | null;
  /** CIDRs that server-side `url` ingest may reach although they are not public addresses. */
  urlIngestAllowPrivate: string[];
  urlIngestTimeoutMs: number;
}

export const DEFAULT_LIMITS: ServiceLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxSide: 12_000,
  maxPixels: 100_000_000,
  maxAnimationPixels: 100_000_000,
  maxMetadataBytes: 1024,
};
