/**
 * The size bound of generated files on disk. Variants (named or flexible) are derived: any can be rendered
 * again, so once their total passes the bound the least recently used are removed. Originals live in another
 * folder and are never counted or removed here. Sizes come from a scan at start and from every write and
 * removal; a use is recorded in memory only (Map order), so delivery makes no file-system call for it.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { BlobStore } from './store';

export interface DiskCacheStats {
  files: number;
  bytes: number;
  maxBytes: number;
  evicted: number;
}

const keyOf = (fileKey: string, name: string) => `${fileKey}/${name}`;

export class DiskCache {
  /** `<file key>/<name>` → bytes, least recently used first (a Map keeps insertion order). */
  private readonly files = new Map<string, number>();
  private bytes = 0;
  private evicted = 0;
  /** Images deleted while the start-up scan runs: the scan must not count their files again. */
  private droppedWhileScanning: Set<string> | null = null;

  /** `track` keeps shutdown waiting for removals in progress. */
  constructor(
    private readonly store: BlobStore,
    private readonly maxBytes: number,
    private readonly track: (work: Promise<unknown>) => void,
  ) {}

  /** A generated file was written. */
  added(fileKey: string, name: string, size: number): void {
    const key = keyOf(fileKey, name);
    this.forget(key);
    this.files.set(key, size);
    this.bytes += size;
    this.evict();
  }

  /**
   * A generated file was served: it becomes the most recently used. One the scan has not reached yet is
   * counted now, when its size is known (read from disk); a memory hit passes none.
   */
  used(fileKey: string, name: string, size?: number): void {
    const key = keyOf(fileKey, name);
    const known = this.files.get(key);
    if (known !== undefined) {
      this.files.delete(key);
      this.files.set(key, known);
    } else if (size !== undefined) this.added(fileKey, name, size);
  }

  /** Every generated file of an image is gone (the image was deleted). */
  droppedImage(fileKey: string): void {
    this.droppedWhileScanning?.add(fileKey);
    const prefix = `${fileKey}/`;
    for (const key of [...this.files.keys()]) if (key.startsWith(prefix)) this.forget(key);
  }

  /** Generated files whose key contains `part` are gone (a named variant changed; rare, so a full pass). */
  droppedMatching(part: string): void {
    for (const key of [...this.files.keys()]) if (key.includes(part)) this.forget(key);
  }

  stats(): DiskCacheStats {
    return { files: this.files.size, bytes: this.bytes, maxBytes: this.maxBytes, evicted: this.evicted };
  }

  /**
   * Start-up: counts the files already on disk, oldest use first (access or modification time, whichever is
   * later), ahead of anything recorded meanwhile. `isLive` skips folders of deleted images (the crash sweep removes them).
   */
  async scan(isLive: (fileKey: string) => boolean): Promise<void> {
    this.droppedWhileScanning = new Set();
    const found: { key: string; size: number; usedAt: number }[] = [];
    for (const shard of await list(this.store.variantsDir)) {
      for (const fileKey of await list(path.join(this.store.variantsDir, shard))) {
        if (!isLive(fileKey)) continue;
        for (const name of await list(this.store.variantDir(fileKey))) {
          const info = await stat(this.store.variantPath(fileKey, name)).catch(() => null);
          if (info?.isFile())
            found.push({ key: keyOf(fileKey, name), size: info.size, usedAt: Math.max(info.atimeMs, info.mtimeMs) });
        }
      }
    }
    const dropped = this.droppedWhileScanning;
    this.droppedWhileScanning = null;
    found.sort((a, b) => a.usedAt - b.usedAt);
    const recent = [...this.files];
    const recorded = new Set(this.files.keys());
    this.files.clear();
    for (const f of found) {
      if (recorded.has(f.key) || dropped.has(f.key.slice(0, f.key.indexOf('/')))) continue;
      this.files.set(f.key, f.size);
      this.bytes += f.size;
    }
    for (const [key, size] of recent) this.files.set(key, size);
    this.evict();
  }

  private pathOf(key: string): string {
    const slash = key.indexOf('/');
    return this.store.variantPath(key.slice(0, slash), key.slice(slash + 1));
  }

  private forget(key: string): void {
    const size = this.files.get(key);
    if (size === undefined) return;
    this.files.delete(key);
    this.bytes -= size;
  }

  private evict(): void {
    const victims: string[] = [];
    for (const [key, size] of this.files) {
      if (this.bytes <= this.maxBytes) break;
      this.files.delete(key);
      this.bytes -= size;
      victims.push(key);
    }
    if (victims.length === 0) return;
    this.evicted += victims.length;
    // A reader that opened a file before its removal still reads it; a later one renders it again.
    this.track(Promise.all(victims.map((key) => rm(this.pathOf(key), { force: true }))));
  }
}

async function list(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => []);
}
