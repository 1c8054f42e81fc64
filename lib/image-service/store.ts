/**
 * Files of the embedded image service. Every write goes to `tmp/` first, is fsynced and renamed into
 * place, so a reader (or a crash) only ever sees a whole file. Paths derive from a hash, never from
 * an image id, so no id can reach outside the data folder. Folders are 0700 and files 0600: the
 * originals are private to the account running the service (see data-modes.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, unlink } from 'node:fs/promises';
import path from 'node:path';
import { PRIVATE_DIR, PRIVATE_FILE } from './data-modes';

export class BlobStore {
  readonly originalsDir: string;
  readonly variantsDir: string;
  readonly tmpDir: string;

  constructor(readonly root: string) {
    this.originalsDir = path.join(root, 'originals');
    this.variantsDir = path.join(root, 'variants');
    this.tmpDir = path.join(root, 'tmp');
    for (const dir of [this.originalsDir, this.variantsDir, this.tmpDir]) {
      mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
    }
  }

  /** A fresh storage key for one upload of one image (re-uploading an id gets a new key). */
  static newFileKey(imageId: string): string {
    return createHash('sha256').update(imageId).update(randomBytes(16)).digest('hex');
  }

  originalPath(fileKey: string): string {
    return path.join(this.originalsDir, fileKey.slice(0, 2), fileKey);
  }

  variantDir(fileKey: string): string {
    return path.join(this.variantsDir, fileKey.slice(0, 2), fileKey);
  }

  variantPath(fileKey: string, cacheName: string): string {
    return path.join(this.variantDir(fileKey), cacheName);
  }

  /** Writes `bytes` to `finalPath` atomically: temp file, fsync, rename. */
  async writeAtomic(finalPath: string, bytes: Uint8Array): Promise<void> {
    await mkdir(path.dirname(finalPath), { recursive: true, mode: PRIVATE_DIR });
    const tmp = path.join(this.tmpDir, `${randomBytes(12).toString('hex')}.part`);
    const fh = await open(tmp, 'wx', PRIVATE_FILE);
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } catch (err) {
      await fh.close();
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
    await fh.close();
    try {
      await rename(tmp, finalPath);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
  }

  async removeImageFiles(fileKey: string): Promise<void> {
    await rm(this.originalPath(fileKey), { force: true });
    await rm(this.variantDir(fileKey), { recursive: true, force: true });
  }

  /** Removes generated files whose names start with `prefix` in every image folder (variant changed or deleted). */
  async removeVariantFiles(prefix: string): Promise<number> {
    let removed = 0;
    for (const shard of await readdirSafe(this.variantsDir)) {
      const shardDir = path.join(this.variantsDir, shard);
      for (const key of await readdirSafe(shardDir)) {
        const dir = path.join(shardDir, key);
        for (const name of await readdirSafe(dir)) {
          if (!name.startsWith(prefix)) continue;
          await rm(path.join(dir, name), { force: true });
          removed++;
        }
      }
    }
    return removed;
  }

  /**
   * Start-up sweep after a crash: drops half-written temp files and any file no record points to.
   * `isLive(fileKey)` tells whether a record owns the key.
   */
  async sweep(isLive: (fileKey: string) => boolean): Promise<{ tmp: number; originals: number; variantDirs: number }> {
    const result = { tmp: 0, originals: 0, variantDirs: 0 };
    for (const name of await readdirSafe(this.tmpDir)) {
      await rm(path.join(this.tmpDir, name), { force: true, recursive: true });
      result.tmp++;
    }
    for (const [base, counter] of [
      [this.originalsDir, 'originals'],
      [this.variantsDir, 'variantDirs'],
    ] as const) {
      for (const shard of await readdirSafe(base)) {
        for (const key of await readdirSafe(path.join(base, shard))) {
          if (isLive(key)) continue;
          await rm(path.join(base, shard, key), { force: true, recursive: true });
          result[counter]++;
        }
      }
    }
    return result;
  }
}

async function readdirSafe(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}
