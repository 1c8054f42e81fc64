/**
 * Nothing half-written: the real `npm run image-service` entry is killed with SIGKILL in the middle of
 * many uploads, restarted, and the store must be consistent. SIGTERM must let an upload finish.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateCredentials } from '@/lib/image-service/credentials';
import { noisyJpeg } from '../helpers/images';
import { postFile } from '../helpers/service';

const creds = generateCredentials();
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'pixvault-crash-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

interface Started {
  child: ChildProcess;
  url: string;
  /** Resolves once the process has printed something matching `re` (rejects if it exits first). */
  printed(re: RegExp): Promise<void>;
}

function start(): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'lib/image-service/main.ts'], {
    env: {
      ...process.env,
      IMAGE_SERVICE_PORT: '0',
      IMAGE_SERVICE_DATA_DIR: dataDir,
      CLOUDFLARE_ACCOUNT_ID: creds.accountId,
      CLOUDFLARE_ACCOUNT_HASH: creds.accountHash,
      CLOUDFLARE_API_TOKEN: creds.apiToken,
      CLOUDFLARE_IMAGES_SIGNING_KEY: creds.signingKey,
      // Every upload below comes from this one client and all must be in flight at once.
      IMAGE_SERVICE_UPLOADS_MAX: '64',
      IMAGE_SERVICE_UPLOADS_PER_CLIENT: '64',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const printed = (re: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!re.test(out)) return;
        child.stdout?.off('data', check);
        resolve();
      };
      child.stdout?.on('data', check); // after the collector above, so `out` already holds the chunk
      child.once('exit', (code) => reject(new Error(`service exited (${code}) before printing ${re}:\n${out}`)));
      check();
    });
  return printed(/listening on http:\/\/\S+/).then(() => {
    const url = /listening on (http:\/\/\S+)/.exec(out)?.[1] ?? '';
    return { child, url, printed };
  });
}

/** upload_state of a draft, read from the service's database the way an operator would (read-only). */
function uploadState(id: string): string | null | undefined {
  const db = new Database(path.join(dataDir, 'service.db'), { readonly: true });
  try {
    const row = db.prepare('SELECT upload_state FROM images WHERE id = ?').get(id) as
      | { upload_state: string | null }
      | undefined;
    return row?.upload_state;
  } finally {
    db.close();
  }
}

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

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

function api(url: string, suffix: string, init: RequestInit = {}) {
  return fetch(`${url}/client/v4/accounts/${creds.accountId}/images/${suffix}`, {
    ...init,
    headers: { authorization: `Bearer ${creds.apiToken}`, ...(init.headers ?? {}) },
  });
}

describe('crash consistency', () => {
  it('a SIGKILL during uploads leaves a consistent store after restart', async () => {
    const first = await start();
    const bytes = await noisyJpeg(1600, 1200);
    // Two uploads are held half-sent, so the kill always interrupts uploads being received.
    const held = await Promise.all(
      [0, 1].map(async () => {
        const made = await (await api(first.url, 'v2/direct_upload', { method: 'POST' })).json();
        const upload = slowUpload(made.result.uploadURL, bytes, 4000);
        void upload.status.catch(() => 'killed');
        return made.result.id as string;
      }),
    );
    for (const id of held) await vi.waitFor(() => expect(uploadState(id)).toBe('receiving'), EVENTUALLY);
    const uploads: Promise<unknown>[] = [];
    let completed = 0;
    let killAfterSome!: () => void;
    const someDone = new Promise<void>((resolve) => (killAfterSome = resolve));
    for (let i = 0; i < 24; i++) {
      uploads.push(
        (async () => {
          const made = await (await api(first.url, 'v2/direct_upload', { method: 'POST' })).json();
          const res = await postFile(made.result.uploadURL, bytes);
          if (res.status === 200 && ++completed === 3) killAfterSome();
        })().catch(() => 'killed'),
      );
    }
    // Kill once a few uploads are stored and the rest are still being received or written.
    await Promise.race([
      someDone,
      Promise.all(uploads).then(() => Promise.reject(new Error(`only ${completed} of 24 uploads were stored`))),
    ]);
    const gone = exited(first.child);
    first.child.kill('SIGKILL');
    await gone;
    await Promise.all(uploads);

    const second = await start();
    try {
      const db = new Database(path.join(dataDir, 'service.db'), { readonly: true });
      const rows = db.prepare('SELECT id, file_key, draft, upload_state FROM images').all() as {
        id: string;
        file_key: string | null;
        draft: number;
        upload_state: string | null;
      }[];
      db.close();
      const stored = rows.filter((r) => r.draft === 0);
      expect(rows.filter((r) => r.upload_state === 'receiving')).toEqual([]);
      expect(readdirSync(path.join(dataDir, 'tmp'))).toEqual([]);
      const originals = readdirSync(path.join(dataDir, 'originals'), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name)
        .sort();
      expect(originals).toEqual(stored.map((r) => r.file_key).sort());
      for (const row of stored) {
        const file = path.join(dataDir, 'originals', (row.file_key ?? '').slice(0, 2), row.file_key ?? '');
        expect(existsSync(file)).toBe(true);
        const meta = await sharp(file).metadata();
        expect([meta.width, meta.height]).toEqual([1600, 1200]);
        expect((await fetch(`${second.url}/${creds.accountHash}/${row.id}/public`)).status).toBe(200);
      }
      // Drafts interrupted mid-upload can be used again.
      const pending = rows.filter((r) => r.draft === 1);
      expect(pending.map((r) => r.id)).toEqual(expect.arrayContaining(held));
      const res = await postFile(`${second.url}/${creds.accountHash}/${held[0]}`, await noisyJpeg(100, 100));
      expect(res.status).toBe(200);
      expect(stored.length + pending.length).toBe(rows.length);
      expect(stored.length).toBeGreaterThanOrEqual(3);
    } finally {
      const gone2 = exited(second.child);
      second.child.kill('SIGTERM');
      expect(await gone2).toBe(0);
    }
  }, 60_000);

  it('SIGTERM lets an upload in progress finish, then exits 0', async () => {
    const { child, url, printed } = await start();
    const made = await (await api(url, 'v2/direct_upload', { method: 'POST' })).json();
    const upload = slowUpload(made.result.uploadURL, await noisyJpeg(300, 200), 1000);
    const code = exited(child);
    try {
      await vi.waitFor(() => expect(uploadState(made.result.id)).toBe('receiving'), EVENTUALLY);
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
    const again = await start();
    try {
      const got = await (await api(again.url, `v1/${made.result.id}`)).json();
      expect(got.result.filename).toBe('slow.jpg');
      expect(got.result.draft).toBeUndefined();
    } finally {
      const gone = exited(again.child);
      again.child.kill('SIGTERM');
      await gone;
    }
  }, 60_000);
});
