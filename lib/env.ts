/**
 * All configuration, parsed once with zod. This is the only module that reads `process.env`.
 * Empty strings count as unset, so `FOO=` in a shell or .env file falls back to the default.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_LIMITS, type ServiceConfig } from './image-service/config';
import { loadCredentials } from './image-service/credentials';

/** Environment variables as a plain record (tests pass their own). */
export type Env = Record<string, string | undefined>;

const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
const withDefault = <T extends z.ZodTypeAny>(schema: T, fallback: z.input<T>) =>
  z.preprocess((v) => (v === '' || v === undefined ? fallback : v), schema);
const list = z.preprocess(
  (v) =>
    typeof v === 'string' && v.trim() !== ''
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
  z.array(z.string()),
);
const bool = (fallback: boolean) =>
  z.preprocess((v) => (v === undefined || v === '' ? fallback : v === 'true' || v === '1'), z.boolean());

const credentialEnv = {
  CLOUDFLARE_ACCOUNT_ID: optional(z.string()),
  CLOUDFLARE_ACCOUNT_HASH: optional(z.string()),
  CLOUDFLARE_API_TOKEN: optional(z.string()),
  CLOUDFLARE_IMAGES_SIGNING_KEY: optional(z.string()),
};

const serviceEnvSchema = z.object({
  IMAGE_SERVICE_PORT: withDefault(z.coerce.number().int().min(0).max(65_535), 3001),
  IMAGE_SERVICE_HOST: withDefault(z.string(), '127.0.0.1'),
  PIXVAULT_DATA_DIR: withDefault(z.string(), '.data'),
  IMAGE_SERVICE_DATA_DIR: optional(z.string()),
  IMAGE_SERVICE_PUBLIC_URL: optional(z.url().transform((u) => u.replace(/\/+$/, ''))),
  IMAGE_SERVICE_WEBHOOK_URL: optional(z.url()),
  IMAGE_SERVICE_WEBHOOK_SECRET: optional(z.string()),
  IMAGE_SERVICE_URL_ALLOW_PRIVATE: list,
  IMAGE_SERVICE_TRANSFORM_CONCURRENCY: withDefault(
    z.coerce.number().int().min(1).max(64),
    Math.max(1, os.availableParallelism()),
  ),
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
export function readServiceEnv(env: Env = process.env): ServiceEnv {
  const parsed = serviceEnvSchema.safeParse(env);
  if (!parsed.success) fail('image service', parsed.error);
  const e = parsed.data;
  const dataDir = path.resolve(e.IMAGE_SERVICE_DATA_DIR ?? path.join(e.PIXVAULT_DATA_DIR, 'image-service'));
  const { credentials, file, generated } = loadCredentials(dataDir, {
    accountId: e.CLOUDFLARE_ACCOUNT_ID,
    accountHash: e.CLOUDFLARE_ACCOUNT_HASH,
    apiToken: e.CLOUDFLARE_API_TOKEN,
    signingKey: e.CLOUDFLARE_IMAGES_SIGNING_KEY,
    webhookSecret: e.IMAGE_SERVICE_WEBHOOK_SECRET,
  });
  const host = e.IMAGE_SERVICE_HOST;
  const publicUrl =
    e.IMAGE_SERVICE_PUBLIC_URL ??
    (e.IMAGE_SERVICE_PORT === 0 ? '' : `http://${host.includes(':') ? `[${host}]` : host}:${e.IMAGE_SERVICE_PORT}`);
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
      webhook: e.IMAGE_SERVICE_WEBHOOK_URL
        ? { url: e.IMAGE_SERVICE_WEBHOOK_URL, secret: credentials.webhookSecret }
        : null,
      urlIngestAllowPrivate: e.IMAGE_SERVICE_URL_ALLOW_PRIVATE,
      urlIngestTimeoutMs: 15_000,
    },
  };
}

const appEnvSchema = z.object({
  PIXVAULT_DATA_DIR: withDefault(z.string(), '.data'),
  PIXVAULT_IMAGE_BACKEND: withDefault(z.enum(['auto', 'cloudflare', 'embedded']), 'auto'),
  AUTH_SECRET: optional(z.string().min(16)),
  AUTH_GITHUB_ID: optional(z.string()),
  AUTH_GITHUB_SECRET: optional(z.string()),
  CLOUDFLARE_API_BASE_URL: withDefault(z.url(), 'https://api.cloudflare.com/client/v4'),
  CLOUDFLARE_DELIVERY_BASE_URL: withDefault(z.url(), 'https://imagedelivery.net'),
  CLOUDFLARE_UPLOAD_ORIGIN: withDefault(z.url(), 'https://upload.imagedelivery.net'),
  PIXVAULT_WEBHOOK_SECRET: optional(z.string().min(8)),
  PIXVAULT_SIGNED_URL_TTL: withDefault(
    z.coerce
      .number()
      .int()
      .min(300)
      .max(86_400 * 7),
    3600,
  ),
  PIXVAULT_SIGNED_URL_BUCKET: withDefault(z.coerce.number().int().min(60).max(86_400), 900),
  PIXVAULT_UPLOADS_PER_MINUTE: withDefault(z.coerce.number().int().min(1).max(10_000), 60),
  ...credentialEnv,
});

/** The app's view of the image service: the same shape whichever backend is behind it. */
export interface ImageServiceAccess {
  apiBase: string;
  deliveryBase: string;
  /** Origin the browser POSTs files to (for the Content-Security-Policy). */
  uploadOrigin: string;
  accountId: string;
  accountHash: string;
  apiToken: string;
  signingKey: string;
}

export interface AppEnv {
  dataDir: string;
  backend: 'cloudflare' | 'embedded';
  images: ImageServiceAccess;
  authSecret: string;
  github: { clientId: string; clientSecret: string } | null;
  /** Shared secret the image service sends in `cf-webhook-auth`; null disables the webhook route. */
  webhookSecret: string | null;
  signedUrlTtlSeconds: number;
  signedUrlBucketSeconds: number;
  uploadsPerMinute: number;
}

/** Real Cloudflare when all four credentials are given (or when asked for explicitly), else the embedded service. */
function chooseBackend(
  setting: 'auto' | 'cloudflare' | 'embedded',
  credentials: (string | undefined)[],
): 'cloudflare' | 'embedded' {
  if (setting !== 'auto') return setting;
  return credentials.every(Boolean) ? 'cloudflare' : 'embedded';
}

/** Reads or creates a random secret kept in a 0600 file, so restarts keep sessions valid. */
function persistedSecret(file: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const value = randomBytes(32).toString('base64url');
  writeFileSync(file, `${value}\n`, { mode: 0o600, flag: 'wx' });
  return value;
}

let cachedAppEnv: AppEnv | null = null;

/**
 * Configuration of the Next.js app. Real Cloudflare Images is used when its four credentials are
 * set (or PIXVAULT_IMAGE_BACKEND=cloudflare); otherwise the embedded image service, whose settings
 * and generated credentials come from the same source the service itself reads.
 */
export function appEnv(env: Env = process.env): AppEnv {
  if (cachedAppEnv && env === process.env) return cachedAppEnv;
  const parsed = appEnvSchema.safeParse(env);
  if (!parsed.success) fail('app', parsed.error);
  const e = parsed.data;
  const dataDir = path.resolve(e.PIXVAULT_DATA_DIR);
  const credentials = [
    e.CLOUDFLARE_ACCOUNT_ID,
    e.CLOUDFLARE_ACCOUNT_HASH,
    e.CLOUDFLARE_API_TOKEN,
    e.CLOUDFLARE_IMAGES_SIGNING_KEY,
  ];
  const backend = chooseBackend(e.PIXVAULT_IMAGE_BACKEND, credentials);
  let images: ImageServiceAccess;
  let webhookSecret = e.PIXVAULT_WEBHOOK_SECRET ?? null;
  if (backend === 'cloudflare') {
    const [accountId, accountHash, apiToken, signingKey] = credentials;
    if (!accountId || !accountHash || !apiToken || !signingKey) {
      throw new Error(
        'PIXVAULT_IMAGE_BACKEND=cloudflare needs CLOUDFLARE_ACCOUNT_ID, CLOUDFLARE_ACCOUNT_HASH, CLOUDFLARE_API_TOKEN and CLOUDFLARE_IMAGES_SIGNING_KEY.',
      );
    }
    images = {
      apiBase: e.CLOUDFLARE_API_BASE_URL.replace(/\/+$/, ''),
      deliveryBase: e.CLOUDFLARE_DELIVERY_BASE_URL.replace(/\/+$/, ''),
      uploadOrigin: new URL(e.CLOUDFLARE_UPLOAD_ORIGIN).origin,
      accountId,
      accountHash,
      apiToken,
      signingKey,
    };
  } else {
    const service = readServiceEnv(env);
    const base = service.config.publicUrl;
    images = {
      apiBase: `${base}/client/v4`,
      deliveryBase: base,
      uploadOrigin: new URL(base).origin,
      accountId: service.config.accountId,
      accountHash: service.config.accountHash,
      apiToken: service.config.apiToken,
      signingKey: service.config.signingKey,
    };
    webhookSecret ??= service.config.webhook?.secret ?? null;
  }
  const result: AppEnv = {
    dataDir,
    backend,
    images,
    authSecret: e.AUTH_SECRET ?? persistedSecret(path.join(dataDir, 'app', 'auth-secret')),
    github:
      e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET
        ? { clientId: e.AUTH_GITHUB_ID, clientSecret: e.AUTH_GITHUB_SECRET }
        : null,
    webhookSecret,
    signedUrlTtlSeconds: e.PIXVAULT_SIGNED_URL_TTL,
    signedUrlBucketSeconds: e.PIXVAULT_SIGNED_URL_BUCKET,
    uploadsPerMinute: e.PIXVAULT_UPLOADS_PER_MINUTE,
  };
  if (env === process.env) cachedAppEnv = result;
  return result;
}

/** `next dev` (Next inlines NODE_ENV at build time). */
export function isDevelopment(): boolean {
  return process.env.NODE_ENV === 'development';
}

const launcherEnvSchema = z.object({
  PORT: withDefault(z.coerce.number().int().min(1).max(65_535), 3000),
  HOST: withDefault(z.string(), '127.0.0.1'),
});

/** Settings of `npm start` / `npm run dev` (scripts/start.ts) itself. */
export function readLauncherEnv(env: Env = process.env): { port: number; host: string; backend: AppEnv['backend'] } {
  const parsed = launcherEnvSchema.safeParse(env);
  if (!parsed.success) fail('launcher', parsed.error);
  const app = appEnvSchema.safeParse(env);
  if (!app.success) fail('app', app.error);
  const a = app.data;
  const backend = chooseBackend(a.PIXVAULT_IMAGE_BACKEND, [
    a.CLOUDFLARE_ACCOUNT_ID,
    a.CLOUDFLARE_ACCOUNT_HASH,
    a.CLOUDFLARE_API_TOKEN,
    a.CLOUDFLARE_IMAGES_SIGNING_KEY,
  ]);
  return { port: parsed.data.PORT, host: parsed.data.HOST, backend };
}

/** The environment a launched child process (Next.js) inherits, plus the launcher's own additions. */
export function childProcessEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}
