/** Configuration of the embedded image service: plain values, given by the start-up code or by tests. */
import type { ImageLimits } from '@/lib/cloudflare-images/limits';
import type { Credentials } from './credentials';

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
  limits: ImageLimits;
  /** Transforms running at once. */
  transformConcurrency: number;
  /** Foreground transforms allowed to wait; one more answers 429. */
  transformQueueMax: number;
  /** Estimated working memory the running transforms may hold together (work-estimate.ts), bytes. */
  transformMemoryBytes: number;
  /** Bytes of generated variants kept in memory for hot delivery. */
  memoryCacheBytes: number;
  /** Bytes of generated variants kept on disk; beyond, the least recently used go (originals never). */
  variantCacheBytes: number;
  /** Worker threads sanitizing SVG uploads. */
  svgWorkers: number;
  /** SVG uploads allowed to wait for a worker; one more answers 429. */
  svgQueueMax: number;
  /** `stats.count.allowed`. */
  imagesAllowed: number;
  /** Generate the named variants of a new image in the background right after upload. */
  eagerVariants: boolean;
  /** Keep the GPS EXIF of uploads in the stored original (default false: location is removed). */
  keepLocation: boolean;
  webhook: { url: string; secret: string } | null;
  /** CIDRs that server-side `url` ingest may reach although they are not public addresses. */
  urlIngestAllowPrivate: string[];
  urlIngestTimeoutMs: number;
  uploads: UploadPolicy;
  http: HttpTimeouts;
}

/**
 * Uploads being received (the one-time URL and `POST v1`): each holds a slot, and up to the file size
 * limit in memory, until it is stored or refused. These bounds keep one client from holding them all.
 */
export interface UploadPolicy {
  /** Uploads in progress at once, all clients together; one more answers 429. */
  maxActive: number;
  /** Of those, how many one client may hold: one socket address (IPv4), or one /64 (IPv6). */
  perClient: number;
  /** An upload body slower than this on average, once `rateGraceMs` have passed, is dropped with 408. 0: no minimum. */
  minBytesPerSecond: number;
  rateGraceMs: number;
}

/** Node's server timeouts: for the request headers, and for the whole request (headers and body). */
export interface HttpTimeouts {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
}

export const DEFAULT_UPLOAD_POLICY: UploadPolicy = {
  maxActive: 32,
  perClient: 8,
  minBytesPerSecond: 8 * 1024,
  rateGraceMs: 10_000,
};

export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = { headersTimeoutMs: 10_000, requestTimeoutMs: 60_000 };

/**
 * What the environment configures (lib/env.ts reads it): everything but the account credentials, of
 * which any may be left out and is then generated at start-up (see credentials.ts).
 */
export interface ServiceSettings {
  dataDir: string;
  publicUrl: string;
  credentials: Partial<Credentials>;
  /** Where completed and failed direct uploads are reported; null: nowhere. */
  webhookUrl: string | null;
  transformConcurrency: number;
  transformQueueMax: number;
  transformMemoryBytes: number;
  memoryCacheBytes: number;
  variantCacheBytes: number;
  svgWorkers: number;
  svgQueueMax: number;
  eagerVariants: boolean;
  keepLocation: boolean;
  urlIngestAllowPrivate: string[];
  uploads: UploadPolicy;
  http: HttpTimeouts;
}
