/**
 * Joining an embedded image service that is already running (`IMAGE_SERVICE_URL`), started by another
 * app instance or by `npm run image-service`. A joining instance generates nothing: the service's
 * account and the instances' AUTH_SECRET must come from the environment, the same values everywhere,
 * or the app would sign URLs the service refuses and sessions another instance cannot read. (Reading
 * them from a data folder would only work on the service's own machine, and silently diverge elsewhere.)
 */

import { secretsEqual } from '@/lib/cloudflare-images/secrets';
import { type Env, readStartupEnv } from '@/lib/env';

/** What every instance joining one service must be given, with the values the service and the other instances use. */
export const SHARED_SETTINGS = [
  'CLOUDFLARE_ACCOUNT_ID',
  'CLOUDFLARE_ACCOUNT_HASH',
  'CLOUDFLARE_API_TOKEN',
  'CLOUDFLARE_IMAGES_SIGNING_KEY',
  'AUTH_SECRET',
] as const;

export interface JoinedService {
  url: string;
  accountId: string;
  apiToken: string;
  signingKey: string;
  /** Variables to add to the app's environment. */
  env: Record<string, string>;
}

/**
 * The running service this start joins, or null when it starts its own (IMAGE_SERVICE_URL unset).
 * Throws one line naming every shared setting that is missing.
 */
export function joinedService(env: Env): JoinedService | null {
  const url = readStartupEnv(env).joinServiceUrl;
  if (!url) return null;
  const missing = SHARED_SETTINGS.filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new Error(
      `IMAGE_SERVICE_URL is set, so this instance joins the image service at ${url} and must use the same settings as they do: set ${missing.join(', ')} to their values (the service's account is in credentials.json in its data folder).`,
    );
  }
  const added: Record<string, string> = { PIXVAULT_IMAGE_BACKEND: 'embedded' };
  // The service posts finished uploads with its webhook secret; given it, this instance can receive them too.
  if (env.IMAGE_SERVICE_WEBHOOK_SECRET && !env.PIXVAULT_WEBHOOK_SECRET) {
    added.PIXVAULT_WEBHOOK_SECRET = env.IMAGE_SERVICE_WEBHOOK_SECRET;
  }
  return {
    url,
    accountId: env.CLOUDFLARE_ACCOUNT_ID ?? '',
    apiToken: env.CLOUDFLARE_API_TOKEN ?? '',
    signingKey: env.CLOUDFLARE_IMAGES_SIGNING_KEY ?? '',
    env: added,
  };
}

const envelopeKeys = (body: unknown): { name: string; value: string }[] | null => {
  const keys = (body as { result?: { keys?: unknown } } | null)?.result?.keys;
  return Array.isArray(keys) ? (keys as { name: string; value: string }[]) : null;
};

/**
 * Asks the service for its signing keys with the given account and token: one request that proves
 * it is reachable, that the id and token are its own, and that the signing key is one it accepts.
 * Returns why the service cannot be joined, as one line, or null when it can.
 */
export async function joinProblem(service: JoinedService, timeoutMs = 5000): Promise<string | null> {
  const api = `${service.url}/client/v4/accounts/${encodeURIComponent(service.accountId)}/images/v1/keys`;
  let response: Response;
  try {
    response = await fetch(api, {
      headers: { authorization: `Bearer ${service.apiToken}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
    return `Cannot reach the image service at ${service.url} (IMAGE_SERVICE_URL): ${cause}. Start it first (npm run image-service, or npm start on its machine), or correct the URL.`;
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.status === 401 || response.status === 403) {
    return `The image service at ${service.url} refused CLOUDFLARE_API_TOKEN for CLOUDFLARE_ACCOUNT_ID=${service.accountId} (${response.status}): use the values of the service being joined.`;
  }
  const keys = envelopeKeys(body);
  if (!response.ok || !keys) {
    return `${service.url} (IMAGE_SERVICE_URL) did not answer like a Pixvault image service for account ${service.accountId} (HTTP ${response.status}).`;
  }
  if (!keys.some((k) => secretsEqual(service.signingKey, String(k.value)))) {
    return `CLOUDFLARE_IMAGES_SIGNING_KEY is not a signing key of the image service at ${service.url}: it would refuse every signed URL. Use the service's value.`;
  }
  return null;
}
