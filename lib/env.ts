/**
 * All configuration, parsed once with zod. This is the only module that reads `process.env`.
 * Empty strings count as unset, so `FOO=` in a shell or .env file falls back to the default.
 */
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_LIMITS, type ServiceConfig } from './image-service/config';
import { loadCredentials } from './image-service/credentials';

const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
const withDefault = <T extends z.ZodTypeAny>(schema: T, fallback: z.input<T>) =>
  z.preprocess((v) => (v === '' || v === undefined ? fallback : v), schema);
const list = z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? v.split(',').map((s) => s.trim()).filter(Boolean) : []), z.array(z.string()));
const bool = (fallback: boolean) => z.preprocess((v) => (v === undefined || v === '' ? fallback : v === 'true' || v === '1'), z.boolean());

const credentialEnv = {
  CLOUDFLARE_ACCOUNT_ID: optional(z.string()),
  CLOUDFLARE_ACCOUNT_HASH: optional(z.string()),
  CLOUDFLARE_API_TOKEN: optional(z.string()),
  CLOUDFLARE_IMAGES_SIGNING_KEY: optional(z.string()),
};

const serviceEnvSchema = z.object({
  IMAGE_SERVICE_PORT: withDefault(z.coerce.number().int().min(0).max(65_535), 3001),
  IMAGE_SERVICE_HOST: withDefault(z.string(), '127.0.0.1'),
  IMAGE_SERVICE_DATA_DIR: withDefault(z.string(), '.data/image-service'),
  IMAGE_SERVICE_PUBLIC_URL: optional(z.url().transform((u) => u.replace(/\/+$/, ''))),
  IMAGE_SERVICE_WEBHOOK_URL: optional(z.url()),
  IMAGE_SERVICE_WEBHOOK_SECRET: optional(z.string()),
  IMAGE_SERVICE_URL_ALLOW_PRIVATE: list,
  IMAGE_SERVICE_TRANSFORM_CONCURRENCY: withDefault(z.coerce.number().int().min(1).max(64), Math.max(1, os.availableParallelism())),
  IMAGE_SERVICE_QUEUE_MAX: withDefault(z.coerce.number().int().min(0).max(100_000), 64),
  IMAGE_SERVICE_MEMORY_CACHE_MB: withDefault(z.coerce.number().min(0).max(65_536), 256),
  IMAGE_SERVICE_EAGER_VARIANTS: bool(true),
  ...credentialEnv,
});

export interface ServiceEnv {
  config: ServiceConfig;
  port: number;
  host: string;
  /** Where generated credentials are kept, and which settings were generated rather than configured. */
  credentialsFile: string;
  generated: string[];
}

function fail(what: string, error: z.ZodError): never {
  const lines = error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
  throw new Error(`Invalid ${what} configuration:\n${lines}`);
}

/** Configuration of the embedded image service (`npm run image-service`, or started beside the app). */
export function readServiceEnv(env: NodeJS.ProcessEnv = process.env): ServiceEnv {
  const parsed = serviceEnvSchema.safeParse(env);
  if (!parsed.success) fail('image service', parsed.error);
  const e = parsed.data;
  const dataDir = path.resolve(e.IMAGE_SERVICE_DATA_DIR);
  const { credentials, file, generated } = loadCredentials(dataDir, {
    accountId: e.CLOUDFLARE_ACCOUNT_ID,
    accountHash: e.CLOUDFLARE_ACCOUNT_HASH,
    apiToken: e.CLOUDFLARE_API_TOKEN,
    signingKey: e.CLOUDFLARE_IMAGES_SIGNING_KEY,
    webhookSecret: e.IMAGE_SERVICE_WEBHOOK_SECRET,
  });
  const host = e.IMAGE_SERVICE_HOST;
  const publicUrl = e.IMAGE_SERVICE_PUBLIC_URL ?? (e.IMAGE_SERVICE_PORT === 0 ? '' : `http://${host.includes(':') ? `[${host}]` : host}:${e.IMAGE_SERVICE_PORT}`);
  return {
    port: e.IMAGE_SERVICE_PORT,
    host,
    credentialsFile: file,
    generated,
    config: {
      dataDir,
      publicUrl,
      accountId: credentials.accountId,
      accountHash: credentials.accountHash,
      apiToken: credentials.apiToken,
      signingKey: credentials.signingKey,
      signingKeyExplicit: e.CLOUDFLARE_IMAGES_SIGNING_KEY !== undefined,
      limits: DEFAULT_LIMITS,
      transformConcurrency: e.IMAGE_SERVICE_TRANSFORM_CONCURRENCY,
      transformQueueMax: e.IMAGE_SERVICE_QUEUE_MAX,
      memoryCacheBytes: Math.round(e.IMAGE_SERVICE_MEMORY_CACHE_MB * 1024 * 1024),
      imagesAllowed: 100_000,
      eagerVariants: e.IMAGE_SERVICE_EAGER_VARIANTS,
      webhook: e.IMAGE_SERVICE_WEBHOOK_URL ? { url: e.IMAGE_SERVICE_WEBHOOK_URL, secret: credentials.webhookSecret } : null,
      urlIngestAllowPrivate: e.IMAGE_SERVICE_URL_ALLOW_PRIVATE,
      urlIngestTimeoutMs: 15_000,
    },
  };
}
