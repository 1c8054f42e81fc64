/**
 * What the embedded service holds, read the way an operator would: its records (drafts and stored
 * images, by id and upload state) and every file under originals/, variants/ and tmp/. Two snapshots
 * compare equal when a request left nothing behind.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { RunningService } from '@/lib/image-service/server';

export interface StoreSnapshot {
  records: { id: string; draft: number; upload_state: string | null; file_key: string | null }[];
  originals: string[];
  variants: string[];
  tmp: string[];
}

/** Every file below `dir`, relative to it, sorted. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

export function storeSnapshot(svc: RunningService): StoreSnapshot {
  const { db, store } = svc.core;
  return {
    records: db
      .prepare('SELECT id, draft, upload_state, file_key FROM images ORDER BY id')
      .all() as StoreSnapshot['records'],
    originals: filesUnder(store.originalsDir),
    variants: filesUnder(store.variantsDir),
    tmp: filesUnder(store.tmpDir),
  };
}
