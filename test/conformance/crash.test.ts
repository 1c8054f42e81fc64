/**
 * Nothing half-written: the real `npm run image-service` entry is killed with SIGKILL in the middle of
 * many uploads, restarted, and the store must be consistent. SIGTERM must let an upload finish.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCredentials } from '@/lib/image-service/credentials';
import { noisyJpeg } from '../helpers/images';
import { postFile } from '../helpers/service';

const creds = generateCredentials();
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'pixvault-crash-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

function start(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'lib/image-service/main.ts'], {
    env: {
      ...process.env,
      IMAGE_SERVICE_PORT: '0',
      IMAGE_SERVICE_DATA_DIR: dataDir,
      CLOUDFLARE_ACCOUNT_ID: creds.accountId,
      CLOUDFLARE_ACCOUNT_HASH: creds.accountHash,
      CLOUDFLARE_API_TOKEN: creds.apiToken,
      CLOUDFLARE_IMAGES_SIGNING_KEY: creds.signingKey,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve({ child, url: m[1] });
    });
    child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => reject(new Error(`service exited (${code}) before listening:\n${out}`)));
  });
}

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
    const uploads: Promise<unknown>[] = [];
    let completed = 0;
    let killAfterSome!: () => void;
    const someDone = new Promise<void>((resolve) => (killAfterSome = resolve));
    for (let i = 0; i < 24; i++) {
      uploads.push(
        (async () => {
          const made = await (await api(first.url, 'v2/direct_upload', { method: 'POST' })).json();
          await postFile(made.result.uploadURL, bytes);
          if (++completed === 3) killAfterSome();
        })().catch(() => 'killed'),
      );
    }
    // Kill once a few uploads are stored and the rest are still being received or written.
    await someDone;
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
      if (pending[0]) {
        const res = await postFile(`${second.url}/${creds.accountHash}/${pending[0].id}`, await noisyJpeg(100, 100));
        expect(res.status).toBe(200);
      }
      expect(stored.length + pending.length).toBe(rows.length);
      expect(stored.length).toBeGreaterThanOrEqual(3);
      expect(pending.length).toBeGreaterThan(0); // the kill really interrupted uploads
    } finally {
      const gone2 = exited(second.child);
      second.child.kill('SIGTERM');
      expect(await gone2).toBe(0);
    }
  }, 60_000);

  it('SIGTERM lets an upload in progress finish, then exits 0', async () => {
    const { child, url } = await start();
    const made = await (await api(url, 'v2/direct_upload', { method: 'POST' })).json();
    const bytes = await noisyJpeg(300, 200);
    const boundary = 'pixvaultboundary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="slow.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const body = Buffer.concat([head, bytes, tail]);
    const response = new Promise<number>((resolve, reject) => {
      const req = http.request(made.result.uploadURL, {
        method: 'POST',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': body.length },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write(body.subarray(0, 1000));
      setTimeout(() => {
        child.kill('SIGTERM');
        setTimeout(() => req.end(body.subarray(1000)), 500);
      }, 300);
    });
    const code = exited(child);
    expect(await response).toBe(200);
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
