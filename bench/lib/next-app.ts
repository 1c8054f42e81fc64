/**
 * The built app under `next start` for the cases that compare with it or measure it: `/_next/image`
 * (photos placed in `public/__bench/` before the start, removed after), the gallery and the API. Its
 * embedded image service listens on a port chosen here with credentials made here, so the bench can
 * upload real photos to it and tie the seeded records to them.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { generateCredentials } from '@/lib/image-service/credentials';
import { freePorts } from '../../e2e/multi/processes';
import { seed, startInstance } from '../api/instance';
import { type LoadService, uploadImage } from '../load/service';
import { benchPhoto } from '../photo';
import type { NextApp } from './context';

export const PUBLIC_DIR = path.resolve('public/__bench');

export interface StartedApp extends NextApp {
  stop(): Promise<void>;
}

/**
 * Seeds `images` records (a viewer signs in), writes `coldPhotos` copies of `photo` for `/_next/image`,
 * starts the app. The records point at no real image until `attachPhotos`.
 */
export async function startApp(work: string, photo: Buffer, images: number, coldPhotos: number): Promise<StartedApp> {
  mkdirSync(PUBLIC_DIR, { recursive: true });
  // `/_next/image` keeps what it optimised in .next/cache/images across runs: a "cold" request would be
  // a cache hit for the same URL in the next run.
  rmSync(path.resolve('.next/cache/images'), { recursive: true, force: true });
  writeFileSync(path.join(PUBLIC_DIR, 'photo.jpg'), photo);
  const cold: string[] = [];
  for (let i = 0; i < coldPhotos; i++) {
    writeFileSync(path.join(PUBLIC_DIR, `cold-${i}.jpg`), photo);
    cold.push(`/__bench/cold-${i}.jpg`);
  }
  const dataDir = path.join(work, 'app');
  const store = { engine: 'sqlite' as const, file: path.join(dataDir, 'app', 'app.db') };
  await seed(store, images);
  const [servicePort] = await freePorts(1);
  const creds = generateCredentials();
  const instance = await startInstance('bench-app', store, dataDir, path.resolve('bench/results/tmp/app-logs'), {
    IMAGE_SERVICE_PORT: String(servicePort),
    CLOUDFLARE_ACCOUNT_ID: creds.accountId,
    CLOUDFLARE_ACCOUNT_HASH: creds.accountHash,
    CLOUDFLARE_API_TOKEN: creds.apiToken,
    CLOUDFLARE_IMAGES_SIGNING_KEY: creds.signingKey,
  });
  const serviceUrl = `http://127.0.0.1:${servicePort}`;
  const service: LoadService = {
    url: serviceUrl,
    pid: 0,
    creds,
    api: `${serviceUrl}/client/v4/accounts/${creds.accountId}/images`,
    auth: { authorization: `Bearer ${creds.apiToken}` },
    memory: () => ({ rss: 0, hwm: 0 }),
    stop: async () => undefined,
  };
  return {
    url: instance.url,
    cookie: instance.cookie,
    photoPath: '/__bench/photo.jpg',
    coldPhotos: cold,
    dataDir,
    service,
    storeFile: store.file,
    records: images,
    async stop() {
      await instance.stop();
      rmSync(PUBLIC_DIR, { recursive: true, force: true });
    },
  };
}

/**
 * Uploads distinct photos to the app's service and points the newest `count` records at them (with
 * their real sizes), so the gallery shows real images. Photos already attached are kept.
 */
export async function attachPhotos(app: NextApp, count: number): Promise<void> {
  const db = new Database(app.storeFile);
  try {
    const rows = db
      .prepare("SELECT id FROM images WHERE service_id LIKE 'svc-%' ORDER BY created_at DESC LIMIT ?")
      .all(count) as { id: string }[];
    const update = db.prepare('UPDATE images SET service_id = ?, width = ?, height = ?, private = 1 WHERE id = ?');
    for (const [i, row] of rows.entries()) {
      // Landscape and portrait, so the masonry has both shapes.
      const [w, h] = i % 3 === 2 ? [900, 1200] : [1200, 900];
      const id = await uploadImage(app.service, await benchPhoto(w, h), true);
      update.run(id, w, h, row.id);
    }
  } finally {
    db.close();
  }
}
