/**
 * All configuration, parsed once with zod. This is the only module that reads `process.env`; it only
 * reads: secrets a local run generates (AUTH_SECRET, the embedded service's account) are made and kept
 * by start-up (scripts/local-secrets.ts, lib/image-service/credentials.ts) and arrive here as variables.
 * Empty strings count as unset, so `FOO=` in a shell or .env file falls back to the default.
 */
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { isCidrOrAddress } from './auth/client-address';

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
  IMAGE_SERVICE_TRANSFORM_MEMORY_MB: optional(z.coerce.number().min(16).max(1_048_576)),
  IMAGE_SERVICE_MEMORY_CACHE_MB: withDefault(z.coerce.number().min(0).max(65_536), 256),
  IMAGE_SERVICE_VARIANT_CACHE_MB: withDefault(z.coerce.number().min(0).max(16_777_216), 2048),
  IMAGE_SERVICE_SVG_WORKERS: withDefault(
    z.coerce.number().int().min(1).max(16),
    Math.min(4, Math.max(1, os.availableParallelism())),
  ),
  IMAGE_SERVICE_SVG_QUEUE_MAX: withDefault(z.coerce.number().int().min(0).max(1000), 16),
  IMAGE_SERVICE_EAGER_VARIANTS: bool(true),
  IMAGE_SERVICE_KEEP_LOCATION: bool(false),
  IMAGE_SERVICE_UPLOADS_MAX: withDefault(z.coerce.number().int().min(1).max(10_000), 32),
  IMAGE_SERVICE_UPLOADS_PER_CLIENT: withDefault(z.coerce.number().int().min(1).max(10_000), 8),
  IMAGE_SERVICE_UPLOAD_MIN_KBPS: withDefault(z.coerce.number().min(0).max(1_000_000), 8),
  IMAGE_SERVICE_UPLOAD_RATE_GRACE_S: withDefault(z.coerce.number().min(0).max(3600), 10),
  IMAGE_SERVICE_HEADERS_TIMEOUT_S: withDefault(z.coerce.number().min(1).max(3600), 10),
  IMAGE_SERVICE_REQUEST_TIMEOUT_S: withDefault(z.coerce.number().min(1).max(86_400), 60),
  ...credentialEnv,
});

function fail(what: string, error: z.ZodError): never {
  const lines = error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
  throw new Error(`Invalid ${what} configuration:\n${lines}`);
}

/**
 * Settings of the embedded image service (`npm run image-service`, or started beside the app): where it
 * listens, and what it is configured with. Account credentials left unset are generated at start-up.
 */
export function readServiceEnv(env: Env = process.env) {
  const parsed = serviceEnvSchema.safeParse(env);
  if (!parsed.success) fail('image service', parsed.error);
  const e = parsed.data;
  const host = e.IMAGE_SERVICE_HOST;
  return {
    port: e.IMAGE_SERVICE_PORT,
    host,
    settings: {
      dataDir: path.resolve(e.IMAGE_SERVICE_DATA_DIR ?? path.join(e.PIXVAULT_DATA_DIR, 'image-service')),
      publicUrl:
        e.IMAGE_SERVICE_PUBLIC_URL ??
        (e.IMAGE_SERVICE_PORT === 0 ? '' : `http://${host.includes(':') ? `[${host}]` : host}:${e.IMAGE_SERVICE_PORT}`),
      credentials: {
        accountId: e.CLOUDFLARE_ACCOUNT_ID,
        accountHash: e.CLOUDFLARE_ACCOUNT_HASH,
        apiToken: e.CLOUDFLARE_API_TOKEN,
        signingKey: e.CLOUDFLARE_IMAGES_SIGNING_KEY,
        webhookSecret: e.IMAGE_SERVICE_WEBHOOK_SECRET,
      },
      webhookUrl: e.IMAGE_SERVICE_WEBHOOK_URL ?? null,
      transformConcurrency: e.IMAGE_SERVICE_TRANSFORM_CONCURRENCY,
      transformQueueMax: e.IMAGE_SERVICE_QUEUE_MAX,
      // Default: room for each worker to render a 12 MP photo's desktop variant (~48 MB estimated, see
      // lib/image-service/work-estimate.ts), at least 128 MB, so one 50 MP `trim` render runs alone.
      transformMemoryBytes:
        (e.IMAGE_SERVICE_TRANSFORM_MEMORY_MB ?? Math.max(128, 48 * e.IMAGE_SERVICE_TRANSFORM_CONCURRENCY)) *
        1024 *
        1024,
      memoryCacheBytes: Math.round(e.IMAGE_SERVICE_MEMORY_CACHE_MB * 1024 * 1024),
      variantCacheBytes: Math.round(e.IMAGE_SERVICE_VARIANT_CACHE_MB * 1024 * 1024),
      svgWorkers: e.IMAGE_SERVICE_SVG_WORKERS,
      svgQueueMax: e.IMAGE_SERVICE_SVG_QUEUE_MAX,
      eagerVariants: e.IMAGE_SERVICE_EAGER_VARIANTS,
      keepLocation: e.IMAGE_SERVICE_KEEP_LOCATION,
      urlIngestAllowPrivate: e.IMAGE_SERVICE_URL_ALLOW_PRIVATE,
      uploads: {
        maxActive: e.IMAGE_SERVICE_UPLOADS_MAX,
        perClient: e.IMAGE_SERVICE_UPLOADS_PER_CLIENT,
        minBytesPerSecond: Math.round(e.IMAGE_SERVICE_UPLOAD_MIN_KBPS * 1024),
        rateGraceMs: Math.round(e.IMAGE_SERVICE_UPLOAD_RATE_GRACE_S * 1000),
      },
      http: {
        headersTimeoutMs: Math.round(e.IMAGE_SERVICE_HEADERS_TIMEOUT_S * 1000),
        requestTimeoutMs: Math.round(e.IMAGE_SERVICE_REQUEST_TIMEOUT_S * 1000),
      },
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
  PIXVAULT_TRUSTED_PROXIES: list.pipe(z.array(z.string().refine(isCidrOrAddress, 'use IP addresses or CIDRs'))),
  PIXVAULT_SIGN_IN_FAILURES_PER_SECOND: withDefault(z.coerce.number().int().min(1).max(10_000), 10),
  PIXVAULT_ALLOWED_EMAIL_DOMAINS: list.pipe(
    z.array(
      z
        .string()
        .transform((d) => d.replace(/^@/, '').toLowerCase())
        .pipe(z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'use domains such as example.com')),
    ),
  ),
  PIXVAULT_ALLOWED_GITHUB_ORGS: list.pipe(
    z.array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/, 'use GitHub organisation logins')),
  ),
  PIXVAULT_DEPLOYMENT_ID: optional(
    z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'use 1 to 64 letters, digits, ".", "_" or "-"'),
  ),
  DATABASE_URL: optional(z.string().regex(/^postgres(?:ql)?:\/\/\S+$/, 'use a postgres:// URL')),
  /** An embedded image service already running (another instance's, or `npm run image-service`) to use instead of starting one. */
  IMAGE_SERVICE_URL: optional(z.url().transform((u) => u.replace(/\/+$/, ''))),
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
  /** The app's store on PostgreSQL (`DATABASE_URL`); null: SQLite at `<dataDir>/app/app.db`. */
  databaseUrl: string | null;
  backend: 'cloudflare' | 'embedded';
  images: ImageServiceAccess;
  authSecret: string;
  github: { clientId: string; clientSecret: string } | null;
  /** Shared secret the image service sends in `cf-webhook-auth`; null disables the webhook route. */
  webhookSecret: string | null;
  signedUrlTtlSeconds: number;
  signedUrlBucketSeconds: number;
  uploadsPerMinute: number;
  /** Sign-in limits and who may sign in with GitHub (lib/auth). */
  access: {
    /** CIDRs whose `X-Forwarded-For` is believed; empty: no client address is believed. */
    trustedProxies: string[];
    signInFailuresPerSecond: number;
    allowedEmailDomains: string[];
    allowedGitHubOrgs: string[];
  };
  /** Tags this deployment's uploads (several may share one image account); null: generated and kept in the app DB. */
  deploymentId: string | null;
}

/**
 * Real Cloudflare when all four credentials are given (or when asked for explicitly), else the embedded
 * service. Joining a running embedded service (IMAGE_SERVICE_URL) needs the same four variables, so it
 * decides first.
 */
function chooseBackend(
  setting: 'auto' | 'cloudflare' | 'embedded',
  credentials: (string | undefined)[],
  joinUrl: string | undefined,
): 'cloudflare' | 'embedded' {
  if (joinUrl) {
    if (setting === 'cloudflare') {
      throw new Error(
        'IMAGE_SERVICE_URL names an embedded image service; unset it to use PIXVAULT_IMAGE_BACKEND=cloudflare.',
      );
    }
    return 'embedded';
  }
  if (setting !== 'auto') return setting;
  return credentials.every(Boolean) ? 'cloudflare' : 'embedded';
}

/** A setting a local run generates at start-up is missing: say so, and how it is normally made. */
function notGenerated(what: string): Error {
  return new Error(
    `${what} not set. \`npm start\` and \`npm run dev\` generate it on first run and keep it in the data folder; set it yourself when starting Next.js another way.`,
  );
}

let cachedAppEnv: AppEnv | null = null;

/**
 * Configuration of the Next.js app. Real Cloudflare Images is used when its four credentials are
 * set (or PIXVAULT_IMAGE_BACKEND=cloudflare); otherwise the embedded image service, at the URL and with
 * the account that start-up passes in (the same variables the service itself reads).
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
  const backend = chooseBackend(e.PIXVAULT_IMAGE_BACKEND, credentials, e.IMAGE_SERVICE_URL);
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
    const { settings } = readServiceEnv(env);
    // A joined service is reached, by this server and by browsers, at the URL it was joined by.
    const base = e.IMAGE_SERVICE_URL ?? settings.publicUrl;
    const { accountId, accountHash, apiToken, signingKey } = settings.credentials;
    if (!base || !accountId || !accountHash || !apiToken || !signingKey) {
      throw notGenerated(
        "The embedded image service's URL or account (IMAGE_SERVICE_PUBLIC_URL, CLOUDFLARE_ACCOUNT_ID, CLOUDFLARE_ACCOUNT_HASH, CLOUDFLARE_API_TOKEN, CLOUDFLARE_IMAGES_SIGNING_KEY) is",
      );
    }
    images = {
      apiBase: `${base}/client/v4`,
      deliveryBase: base,
      uploadOrigin: new URL(base).origin,
      accountId,
      accountHash,
      apiToken,
      signingKey,
    };
    // The service reports uploads with its webhook secret only when it has a webhook URL to report to.
    if (settings.webhookUrl) webhookSecret ??= settings.credentials.webhookSecret ?? null;
  }
  if (!e.AUTH_SECRET) throw notGenerated('AUTH_SECRET is');
  const result: AppEnv = {
    dataDir,
    databaseUrl: e.DATABASE_URL ?? null,
    backend,
    images,
    authSecret: e.AUTH_SECRET,
    github:
      e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET
        ? { clientId: e.AUTH_GITHUB_ID, clientSecret: e.AUTH_GITHUB_SECRET }
        : null,
    webhookSecret,
    signedUrlTtlSeconds: e.PIXVAULT_SIGNED_URL_TTL,
    signedUrlBucketSeconds: e.PIXVAULT_SIGNED_URL_BUCKET,
    uploadsPerMinute: e.PIXVAULT_UPLOADS_PER_MINUTE,
    access: {
      trustedProxies: e.PIXVAULT_TRUSTED_PROXIES,
      signInFailuresPerSecond: e.PIXVAULT_SIGN_IN_FAILURES_PER_SECOND,
      allowedEmailDomains: e.PIXVAULT_ALLOWED_EMAIL_DOMAINS,
      allowedGitHubOrgs: e.PIXVAULT_ALLOWED_GITHUB_ORGS,
    },
    deploymentId: e.PIXVAULT_DEPLOYMENT_ID ?? null,
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

/**
 * What start-up needs before the app's configuration is complete: the data folder (where generated
 * secrets are kept), the image backend, and AUTH_SECRET if one is configured.
 */
export function readStartupEnv(env: Env = process.env): {
  dataDir: string;
  backend: AppEnv['backend'];
  authSecret: string | null;
  /** IMAGE_SERVICE_URL: a running embedded service to join instead of starting one; null: start one. */
  joinServiceUrl: string | null;
} {
  const app = appEnvSchema.safeParse(env);
  if (!app.success) fail('app', app.error);
  const a = app.data;
  const backend = chooseBackend(
    a.PIXVAULT_IMAGE_BACKEND,
    [a.CLOUDFLARE_ACCOUNT_ID, a.CLOUDFLARE_ACCOUNT_HASH, a.CLOUDFLARE_API_TOKEN, a.CLOUDFLARE_IMAGES_SIGNING_KEY],
    a.IMAGE_SERVICE_URL,
  );
  return {
    dataDir: path.resolve(a.PIXVAULT_DATA_DIR),
    backend,
    authSecret: a.AUTH_SECRET ?? null,
    joinServiceUrl: a.IMAGE_SERVICE_URL ?? null,
  };
}

/** Settings of `npm start` / `npm run dev` (scripts/start.ts) itself. */
export function readLauncherEnv(env: Env = process.env): {
  port: number;
  host: string;
  backend: AppEnv['backend'];
  joinServiceUrl: string | null;
} {
  const parsed = launcherEnvSchema.safeParse(env);
  if (!parsed.success) fail('launcher', parsed.error);
  const { backend, joinServiceUrl } = readStartupEnv(env);
  return { port: parsed.data.PORT, host: parsed.data.HOST, backend, joinServiceUrl };
}

/** The environment a launched child process (Next.js) inherits, plus the launcher's own additions. */
export function childProcessEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}
