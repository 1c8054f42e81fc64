/** Starts the embedded image service in-process on an ephemeral port, with a temp data folder. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Cloudflare from 'cloudflare';
import { DEFAULT_LIMITS } from '@/lib/cloudflare-images/limits';
import { DEFAULT_HTTP_TIMEOUTS, DEFAULT_UPLOAD_POLICY, type ServiceConfig } from '@/lib/image-service/config';
import { generateCredentials } from '@/lib/image-service/credentials';
import { type RunningService, startImageService } from '@/lib/image-service/server';

export interface TestService {
  svc: RunningService;
  cf: Cloudflare;
  config: ServiceConfig;
  accountId: string;
  /** `<url>/client/v4/accounts/<id>/images` */
  api: string;
  auth: { authorization: string };
  stop(): Promise<void>;
}

export async function startTestService(
  overrides: Partial<ServiceConfig> = {},
  now?: () => number,
): Promise<TestService> {
  const dataDir = overrides.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'pixvault-svc-')));
  const creds = generateCredentials();
  const config: ServiceConfig = {
    dataDir,
    publicUrl: '',
    accountId: creds.accountId,
    accountHash: creds.accountHash,
    apiToken: creds.apiToken,
    signingKey: creds.signingKey,
    signingKeyExplicit: true,
    limits: DEFAULT_LIMITS,
    transformConcurrency: 2,
    transformQueueMax: 64,
    transformMemoryBytes: 256 * 1024 * 1024,
    memoryCacheBytes: 32 * 1024 * 1024,
    variantCacheBytes: 2048 * 1024 * 1024,
    svgWorkers: 1,
    svgQueueMax: 16,
    imagesAllowed: 100_000,
    eagerVariants: false,
    keepLocation: false,
    webhook: null,
    urlIngestAllowPrivate: [],
    urlIngestTimeoutMs: 5000,
    uploads: DEFAULT_UPLOAD_POLICY,
    http: DEFAULT_HTTP_TIMEOUTS,
    ...overrides,
  };
  const svc = await startImageService(config, { port: 0, host: '127.0.0.1', now });
  const cf = new Cloudflare({ apiToken: config.apiToken, baseURL: `${svc.url}/client/v4`, maxRetries: 0 });
  return {
    svc,
    cf,
    config: svc.core.config,
    accountId: config.accountId,
    api: `${svc.url}/client/v4/accounts/${config.accountId}/images`,
    auth: { authorization: `Bearer ${config.apiToken}` },
    async stop() {
      await svc.close();
      if (!overrides.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Sends `bytes` to a one-time upload URL the way a browser form does. */
export async function postFile(
  uploadURL: string,
  bytes: Buffer,
  filename = 'photo.jpg',
  type = 'image/jpeg',
): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), filename);
  return fetch(uploadURL, { method: 'POST', body: form });
}
