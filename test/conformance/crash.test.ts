/**
 * Nothing half-written: the real image service entry is killed with SIGKILL at a random moment (a seeded
 * choice of which temp-file event or which stored upload to kill on) while it receives uploads and
 * renders their variants in the background, restarted, and its store checked; 15 times by default
 * (PIXVAULT_CRASH_ITERATIONS; PIXVAULT_CRASH_SEED replays a run). SIGTERM must let an upload finish.
 */
import { randomInt } from 'node:crypto';
import { watch } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateCredentials } from '@/lib/image-service/credentials';
import { noisyJpeg } from '../helpers/images';
import { postFile } from '../helpers/service';
import { exited, type LoadingService, loadService, type ServiceProcess } from '../helpers/service-process';
import { expectConsistentStore, readImageRows } from '../helpers/store-consistency';

const ITERATIONS = Number(process.env.PIXVAULT_CRASH_ITERATIONS || 15);
const SEED = Number(process.env.PIXVAULT_CRASH_SEED || randomInt(2 ** 31));
/** A bound only, never waited for: on a machine busy with other work one iteration can take 10 s. */
const LOOP_TIMEOUT_MS = 60_000 + ITERATIONS * 20_000;
/** Uploads started in each iteration, half through `POST v1`, half through one-time URLs. */
const UPLOADS = 4;

const creds = generateCredentials();
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'pixvault-crash-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const serviceEnv = () => ({
  IMAGE_SERVICE_DATA_DIR: dataDir,
  CLOUDFLARE_ACCOUNT_ID: creds.accountId,
  CLOUDFLARE_ACCOUNT_HASH: creds.accountHash,
  CLOUDFLARE_API_TOKEN: creds.apiToken,
  CLOUDFLARE_IMAGES_SIGNING_KEY: creds.signingKey,
  IMAGE_SERVICE_EAGER_VARIANTS: 'true',
  IMAGE_SERVICE_SVG_WORKERS: '1',
  // Every upload below comes from this one client and all must be in flight at once.
  IMAGE_SERVICE_UPLOADS_MAX: '64',
  IMAGE_SERVICE_UPLOADS_PER_CLIENT: '64',
  // A held upload sends nothing for as long as an iteration takes; the body-rate rule must not drop it.
  IMAGE_SERVICE_UPLOAD_RATE_GRACE_S: '3600',
});

/** mulberry32: a small seeded PRNG, so a failing run can be replayed with its seed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** upload_state of a draft, read from the service's database the way an operator would (read-only). */
const uploadState = (id: string) => readImageRows(dataDir).find((r) => r.id === id)?.upload_state;

/** True once nothing accepts connections on the service's port any more. */
function refusesConnections(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

/**
 * Starts a multipart upload to `uploadURL` and sends only the first `sent` bytes; `finish()` sends the
 * rest. `status` is the response's status code (it rejects if the connection is cut).
 */
function slowUpload(uploadURL: string, bytes: Buffer, sent: number) {
  const boundary = 'pixvaultboundary';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="slow.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const req = http.request(uploadURL, {
    method: 'POST',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': body.length },
  });
  const status = new Promise<number>((resolve, reject) => {
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
  });
  req.write(body.subarray(0, sent));
  return { status, finish: () => req.end(body.subarray(sent)), abort: () => req.destroy() };
}

/** Bound for conditions polled because the child process announces nothing (generous: the machine may be busy). */
const EVENTUALLY = { timeout: 15_000 };

function api(url: string, suffix: string, init: RequestInit = {}) {
  return fetch(`${url}/client/v4/accounts/${creds.accountId}/images/${suffix}`, {
    ...init,
    headers: { authorization: `Bearer ${creds.apiToken}`, ...(init.headers ?? {}) },
  });
}

async function directUpload(url: string): Promise<{ id: string; uploadURL: string }> {
  const res = await api(url, 'v2/direct_upload', { method: 'POST' });
  return ((await res.json()) as { result: { id: string; uploadURL: string } }).result;
}

/** One upload, through `POST v1` or a one-time URL: the id once the service answered 200, else null. */
async function upload(url: string, via: 'v1' | 'url', bytes: Buffer): Promise<string | null> {
  if (via === 'url') {
    const { id, uploadURL } = await directUpload(url);
    return (await postFile(uploadURL, bytes)).status === 200 ? id : null;
  }
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'v1.jpg');
  const res = await api(url, 'v1', { method: 'POST', body: form });
  return res.status === 200 ? ((await res.json()) as { result: { id: string } }).result.id : null;
}

/** What an iteration hands to the check after the restart. */
interface Crashed {
  /** Uploads the service answered 200 before it was killed: they must have survived. */
  acknowledged: string[];
  /** A draft whose upload was being received: it must be usable again. */
  held: string;
  /** What the kill waited for: the n-th temp-file event, the n-th stored upload, or the end of all uploads. */
  killedOn: string;
}

/** Uploads (and their background renders) into `svc` until a random moment, then SIGKILL. */
async function crashDuringUploads(svc: ServiceProcess, random: () => number, bytes: Buffer): Promise<Crashed> {
  const made = await directUpload(svc.url);
  const held = slowUpload(made.uploadURL, bytes, 4000);
  void held.status.catch(() => 'killed');
  await vi.waitFor(() => expect(uploadState(made.id)).toBe('receiving'), EVENTUALLY);

  const onWrite = random() < 0.5;
  const at = 1 + Math.floor(random() * (onWrite ? 3 * UPLOADS : UPLOADS));
  let kill!: (why: string) => void;
  const killNow = new Promise<string>((resolve) => (kill = resolve));
  // Every original and variant is written to tmp/ and renamed: each event is a write starting or ending.
  let writes = 0;
  const watcher = watch(path.join(dataDir, 'tmp'), () => {
    if (onWrite && ++writes === at) kill(`temp-file event ${at}`);
  });
  const acknowledged: string[] = [];
  const uploads = Array.from({ length: UPLOADS }, (_, n) =>
    upload(svc.url, n % 2 === 0 ? 'v1' : 'url', bytes).then(
      (id) => {
        if (id !== null && acknowledged.push(id) === at && !onWrite) kill(`stored upload ${at}`);
      },
      () => undefined, // cut off by the kill
    ),
  );
  const killedOn = await Promise.race([killNow, Promise.all(uploads).then(() => 'all uploads answered')]);
  const gone = exited(svc.child);
  svc.child.kill('SIGKILL');
  await gone;
  watcher.close();
  held.abort();
  await Promise.all(uploads);
  return { acknowledged: [...acknowledged], held: made.id, killedOn };
}

describe('crash consistency', () => {
  it(
    `${ITERATIONS} SIGKILLs during uploads and background renders each leave a consistent store`,
    async () => {
      console.info(`[crash loop] seed ${SEED}, ${ITERATIONS} iterations (replay: PIXVAULT_CRASH_SEED=${SEED})`);
      const random = seeded(SEED);
      const bytes = await noisyJpeg(240, 180);
      const small = await noisyJpeg(100, 80);
      const decoded = new Set<string>();
      const killedOn: string[] = [];
      const began = performance.now();
      let next: LoadingService = loadService(serviceEnv());
      let svc: ServiceProcess | null = null;
      let crashed: Crashed | null = null;
      try {
        for (let i = 0; i <= ITERATIONS; i++) {
          svc = await next.start();
          next = loadService(serviceEnv()); // loads while this one works, and takes over once it is killed
          const rows = await expectConsistentStore(dataDir, (row) => !decoded.has(row.id));
          for (const row of rows) if (row.draft === 0) decoded.add(row.id);
          if (crashed) {
            const stored = new Set(rows.filter((r) => r.draft === 0).map((r) => r.id));
            expect(
              crashed.acknowledged.filter((id) => !stored.has(id)),
              `after ${crashed.killedOn}`,
            ).toEqual([]);
            expect(uploadState(crashed.held)).toBe('pending');
            expect((await postFile(`${svc.url}/${creds.accountHash}/${crashed.held}`, small)).status).toBe(200);
          }
          if (i === ITERATIONS) {
            const gone = exited(svc.child);
            svc.child.kill('SIGTERM');
            expect(await gone).toBe(0);
            break;
          }
          if (i === 0) {
            for (const [id, width] of [
              ['thumb', 64],
              ['small', 200],
            ] as const) {
              const body = JSON.stringify({
                id,
                options: { fit: 'scale-down', width, height: width, metadata: 'none' },
              });
              const headers = { 'content-type': 'application/json' };
              expect((await api(svc.url, 'v1/variants', { method: 'POST', body, headers })).status).toBe(200);
            }
          }
          crashed = await crashDuringUploads(svc, random, bytes);
          killedOn.push(crashed.killedOn);
        }
      } finally {
        // A failed check leaves the current process running; neither may outlive the test.
        svc?.child.kill('SIGKILL');
        next.child.kill('SIGKILL');
      }
      const seconds = ((performance.now() - began) / 1000).toFixed(1);
      console.info(`[crash loop] ${ITERATIONS} kills and restarts in ${seconds} s; killed on: ${killedOn.join('; ')}`);
      expect(killedOn).toHaveLength(ITERATIONS);
      expect(decoded.size).toBeGreaterThanOrEqual(ITERATIONS);
    },
    LOOP_TIMEOUT_MS,
  );

  it('SIGTERM lets an upload in progress finish, then exits 0', async () => {
    const { child, url, printed } = await loadService(serviceEnv()).start();
    const made = await directUpload(url);
    const upload = slowUpload(made.uploadURL, await noisyJpeg(300, 200), 1000);
    const code = exited(child);
    try {
      await vi.waitFor(() => expect(uploadState(made.id)).toBe('receiving'), EVENTUALLY);
      const stopping = printed(/SIGTERM: finishing in-flight work/);
      child.kill('SIGTERM');
      await stopping;
      // Shutdown has begun (no new connections) while the upload is still open; now the rest arrives.
      await vi.waitFor(async () => expect(await refusesConnections(url)).toBe(true), EVENTUALLY);
      upload.finish();
    } catch (err) {
      upload.abort();
      child.kill('SIGKILL');
      throw err;
    }
    expect(await upload.status).toBe(200);
    expect(await code).toBe(0);
    const again = await loadService(serviceEnv()).start();
    try {
      const got = await (await api(again.url, `v1/${made.id}`)).json();
      expect(got.result.filename).toBe('slow.jpg');
      expect(got.result.draft).toBeUndefined();
    } finally {
      const gone = exited(again.child);
      again.child.kill('SIGTERM');
      await gone;
    }
  }, 60_000);
});
