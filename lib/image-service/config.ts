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
  memoryCacheBytes: number;
  eagerVariants: boolean;
  urlIngestAllowPrivate: string[];
}
