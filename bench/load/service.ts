/**
 * The image service under load: `npm run image-service`'s entry as a child process on 127.0.0.1 (port 0,
 * temp data folder), so its memory is measured alone, plus the REST calls the load phases need.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Credentials } from '@/lib/image-service/credentials';

export interface LoadService {
  url: string;
  pid: number;
  creds: Credentials;
  api: string;
  auth: { authorization: string };
  /** Resident memory of the service process now, and its high-water mark so far (bytes, from /proc). */
  memory(): { rss: number; hwm: number };
  stop(): Promise<void>;
}

export async function startService(
  dataDir: string,
  creds: Credentials,
  env: Record<string, string>,
  /** Extra node flags, e.g. `--cpu-prof`. */
  nodeArgs: string[] = [],
) {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'lib/image-service/main.ts'], {
    env: {
      ...process.env,
      ...env,
      IMAGE_SERVICE_PORT: '0',
      IMAGE_SERVICE_HOST: '127.0.0.1',
      IMAGE_SERVICE_DATA_DIR: dataDir,
      CLOUDFLARE_ACCOUNT_ID: creds.accountId,
      CLOUDFLARE_ACCOUNT_HASH: creds.accountHash,
      CLOUDFLARE_API_TOKEN: creds.apiToken,
      CLOUDFLARE_IMAGES_SIGNING_KEY: creds.signingKey,
      IMAGE_SERVICE_WEBHOOK_SECRET: creds.webhookSecret,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Whatever ends this process (an error, Ctrl-C) ends the service too: nothing is left running.
  process.once('exit', () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  const url = await listeningUrl(child);
  const pid = child.pid ?? 0;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const service: LoadService = {
    url,
    pid,
    creds,
    api: `${url}/client/v4/accounts/${creds.accountId}/images`,
    auth: { authorization: `Bearer ${creds.apiToken}` },
    memory: () => procMemory(pid),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  return service;
}

function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`the image service exited (${code}) before listening:\n${out}`)));
  });
}

function procMemory(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** Samples the service's resident memory every `ms` until stopped; returns the peak seen. */
export function sampleRss(svc: LoadService, ms = 50): { stop(): number } {
  let peak = svc.memory().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, svc.memory().rss);
  }, ms);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, svc.memory().rss);
    },
  };
}

/** `POST v1` with a file; returns the new image's id. */
export async function uploadImage(svc: LoadService, bytes: Buffer, privateImage: boolean): Promise<string> {
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'load.jpg');
  form.set('requireSignedURLs', String(privateImage));
  const res = await fetch(`${svc.api}/v1`, { method: 'POST', headers: svc.auth, body: form });
  const body = (await res.json()) as { success: boolean; result: { id: string }; errors: unknown[] };
  if (!body.success) throw new Error(`upload failed (${res.status}): ${JSON.stringify(body.errors)}`);
  return body.result.id;
}

/** The app's named variants, as it creates them on Cloudflare. */
export async function createVariants(svc: LoadService): Promise<void> {
  const variants = [
    { id: 'thumbnail', options: { fit: 'cover', width: 320, height: 320, metadata: 'none' } },
    { id: 'mobile', options: { fit: 'scale-down', width: 720, metadata: 'none' } },
    { id: 'desktop', options: { fit: 'scale-down', width: 1600, metadata: 'none' } },
  ];
  for (const variant of variants) {
    const res = await fetch(`${svc.api}/v1/variants`, {
      method: 'POST',
      headers: { ...svc.auth, 'content-type': 'application/json' },
      body: JSON.stringify(variant),
    });
    if (!res.ok) throw new Error(`creating variant ${variant.id} failed: ${res.status} ${await res.text()}`);
  }
}

/** A one-time upload URL. */
export async function directUploadUrl(svc: LoadService): Promise<string> {
  const res = await fetch(`${svc.api}/v2/direct_upload`, { method: 'POST', headers: svc.auth, body: new FormData() });
  const body = (await res.json()) as { result: { uploadURL: string } };
  return body.result.uploadURL;
}
