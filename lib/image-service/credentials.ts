/**
 * Dev-machine credentials: any account setting left unset is generated once and kept in
 * `<data dir>/credentials.json` (mode 0600), so restarts and the app keep agreeing on them.
 * This is start-up work (main.ts, scripts/), not configuration: lib/env.ts only reads the environment.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_LIMITS } from '@/lib/cloudflare-images/limits';
import type { ServiceConfig, ServiceSettings } from './config';
import { PRIVATE_DIR, PRIVATE_FILE } from './data-modes';

const credentialsSchema = z.object({
  accountId: z.string().min(1),
  accountHash: z.string().min(1),
  apiToken: z.string().min(1),
  signingKey: z.string().min(1),
  webhookSecret: z.string().min(1),
});
export type Credentials = z.infer<typeof credentialsSchema>;

export function generateCredentials(): Credentials {
  return {
    accountId: randomBytes(16).toString('hex'),
    accountHash: randomBytes(16).toString('base64url').slice(0, 22),
    apiToken: randomBytes(30).toString('base64url'),
    signingKey: randomBytes(24).toString('base64'),
    webhookSecret: randomBytes(24).toString('base64url'),
  };
}

/**
 * Returns the persisted credentials with every explicitly given value taking precedence, creating the
 * file on first run. `generated` lists the settings that came from the file rather than from `given`.
 */
export function loadCredentials(
  dataDir: string,
  given: Partial<Credentials>,
): { credentials: Credentials; file: string; generated: (keyof Credentials)[] } {
  const file = path.join(dataDir, 'credentials.json');
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR });
  let stored: Credentials;
  if (existsSync(file)) {
    stored = credentialsSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } else {
    stored = generateCredentials();
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(stored, null, 2)}\n`, { mode: PRIVATE_FILE });
    renameSync(tmp, file);
  }
  const credentials = { ...stored };
  const generated: (keyof Credentials)[] = [];
  for (const key of Object.keys(stored) as (keyof Credentials)[]) {
    const value = given[key];
    if (value) credentials[key] = value;
    else generated.push(key);
  }
  return { credentials, file, generated };
}

/** The service's configuration: the settings, completed with the kept (or first-run generated) credentials. */
export function configureService(settings: ServiceSettings): {
  config: ServiceConfig;
  credentialsFile: string;
  generated: (keyof Credentials)[];
} {
  const { credentials, file, generated } = loadCredentials(settings.dataDir, settings.credentials);
  const config: ServiceConfig = {
    dataDir: settings.dataDir,
    publicUrl: settings.publicUrl,
    accountId: credentials.accountId,
    accountHash: credentials.accountHash,
    apiToken: credentials.apiToken,
    signingKey: credentials.signingKey,
    signingKeyExplicit: settings.credentials.signingKey !== undefined,
    limits: DEFAULT_LIMITS,
    transformConcurrency: settings.transformConcurrency,
    transformQueueMax: settings.transformQueueMax,
    transformMemoryBytes: settings.transformMemoryBytes,
    memoryCacheBytes: settings.memoryCacheBytes,
    variantCacheBytes: settings.variantCacheBytes,
    svgWorkers: settings.svgWorkers,
    svgQueueMax: settings.svgQueueMax,
    imagesAllowed: 100_000,
    eagerVariants: settings.eagerVariants,
    keepLocation: settings.keepLocation,
    webhook: settings.webhookUrl ? { url: settings.webhookUrl, secret: credentials.webhookSecret } : null,
    urlIngestAllowPrivate: settings.urlIngestAllowPrivate,
    urlIngestTimeoutMs: 15_000,
    uploads: settings.uploads,
    http: settings.http,
  };
  return { config, credentialsFile: file, generated };
}
