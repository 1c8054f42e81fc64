/**
 * Start-up of a local run (`npm start`, `npm run dev`, the users CLI): secrets nobody configured are
 * generated on first run, kept in the data folder (mode 0600), and handed to the app as environment
 * variables, so lib/env.ts only ever reads configuration.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Env, readServiceEnv, readStartupEnv } from '@/lib/env';
import type { ServiceConfig } from '@/lib/image-service/config';
import { configureService } from '@/lib/image-service/credentials';
import { joinedService } from './join-service';

/** Reads or creates a random secret kept in a 0600 file, so restarts keep sessions valid. */
export function persistedSecret(file: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const value = randomBytes(32).toString('base64url');
  writeFileSync(file, `${value}\n`, { mode: 0o600, flag: 'wx' });
  return value;
}

/** AUTH_SECRET as configured, else the one generated on first run into `<data>/app/auth-secret`. */
export function localAuthSecret(env: Env): string {
  const startup = readStartupEnv(env);
  return startup.authSecret ?? persistedSecret(path.join(startup.dataDir, 'app', 'auth-secret'));
}

/** The variables that point the app at an embedded service: its URL, its account, its webhook secret. */
export function embeddedServiceEnv(config: ServiceConfig): Record<string, string> {
  return {
    PIXVAULT_IMAGE_BACKEND: 'embedded',
    IMAGE_SERVICE_PUBLIC_URL: config.publicUrl,
    CLOUDFLARE_ACCOUNT_ID: config.accountId,
    CLOUDFLARE_ACCOUNT_HASH: config.accountHash,
    CLOUDFLARE_API_TOKEN: config.apiToken,
    CLOUDFLARE_IMAGES_SIGNING_KEY: config.signingKey,
    ...(config.webhook ? { IMAGE_SERVICE_WEBHOOK_SECRET: config.webhook.secret } : {}),
  };
}

/**
 * Completes `env` in place for a process that reads the app's configuration without starting the
 * service (the users CLI): AUTH_SECRET and, with the embedded backend, the service's kept account.
 */
export function completeLocalEnv(env: Env): void {
  // Beside a joined service (IMAGE_SERVICE_URL) everything shared is given, never generated here.
  const joined = joinedService(env);
  if (joined) {
    Object.assign(env, joined.env);
    return;
  }
  env.AUTH_SECRET = localAuthSecret(env);
  if (readStartupEnv(env).backend !== 'embedded') return;
  Object.assign(env, embeddedServiceEnv(configureService(readServiceEnv(env).settings).config));
}
