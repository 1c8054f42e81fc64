/**
 * What a crash may never leave behind, checked on the data folder of an image service that has just
 * restarted (its start-up sweep done): no upload still marked as being received, nothing in tmp/, an
 * original for every stored record and for nothing else, variant folders only of stored originals, and
 * whole files. The records are read the way an operator would, from service.db, read-only.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { expect } from 'vitest';
import { filesUnder } from './store-snapshot';

export interface ImageRow {
  id: string;
  file_key: string | null;
  draft: number;
  upload_state: string | null;
  bytes: number | null;
  width: number | null;
  height: number | null;
}

export function readImageRows(dataDir: string): ImageRow[] {
  const db = new Database(path.join(dataDir, 'service.db'), { readonly: true });
  try {
    return db.prepare('SELECT id, file_key, draft, upload_state, bytes, width, height FROM images').all() as ImageRow[];
  } finally {
    db.close();
  }
}

const shardPath = (key: string) => path.join(key.slice(0, 2), key);

/** Decodes every pixel (a cut-off file fails) and returns the size. */
async function decodedSize(file: string): Promise<[number, number]> {
  const { info } = await sharp(file, { failOn: 'truncated' }).raw().toBuffer({ resolveWithObject: true });
  return [info.width, info.height];
}

/**
 * Checks the store and returns its records. The originals and variants of records for which `decode`
 * is true are decoded in full (the others only have their sizes compared): each check decodes what is new.
 */
export async function expectConsistentStore(dataDir: string, decode: (row: ImageRow) => boolean): Promise<ImageRow[]> {
  const rows = readImageRows(dataDir);
  const stored = rows.filter((r) => r.draft === 0);
  expect(rows.filter((r) => r.draft === 1 && (r.upload_state !== 'pending' || r.file_key !== null))).toEqual([]);
  expect(stored.filter((r) => r.file_key === null)).toEqual([]);
  expect(filesUnder(path.join(dataDir, 'tmp'))).toEqual([]);
  const keys = stored.map((r) => r.file_key ?? '');
  expect(filesUnder(path.join(dataDir, 'originals'))).toEqual(keys.map(shardPath).sort());
  const variantsDir = path.join(dataDir, 'variants');
  const variantFolders = readdirSync(variantsDir).flatMap((shard) =>
    readdirSync(path.join(variantsDir, shard)).map((key) => path.join(shard, key)),
  );
  expect(variantFolders.filter((f) => !keys.map(shardPath).includes(f))).toEqual([]);
  for (const row of stored) {
    const key = row.file_key ?? '';
    const original = path.join(dataDir, 'originals', shardPath(key));
    expect(statSync(original).size, row.id).toBe(row.bytes);
    if (!decode(row)) continue;
    expect(await decodedSize(original), row.id).toEqual([row.width, row.height]);
    const folder = path.join(variantsDir, shardPath(key));
    for (const variant of existsSync(folder) ? filesUnder(folder) : []) await decodedSize(path.join(folder, variant));
  }
  return rows;
}
