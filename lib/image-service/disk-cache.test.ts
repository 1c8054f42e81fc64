import { existsSync } from 'node:fs';
import { mkdtemp, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiskCache } from './disk-cache';
import { BlobStore } from './store';

let root: string;
let store: BlobStore;
let removals: Promise<unknown>[];
const settled = () => Promise.all(removals.splice(0));
const cache = (maxBytes: number) => new DiskCache(store, maxBytes, (work) => removals.push(work));
const KEY_A = 'aa'.repeat(32);
const KEY_B = 'bb'.repeat(32);

async function put(fileKey: string, name: string, size: number, usedAtSeconds?: number): Promise<void> {
  const file = store.variantPath(fileKey, name);
  await store.writeAtomic(file, Buffer.alloc(size));
  if (usedAtSeconds !== undefined) await utimes(file, usedAtSeconds, usedAtSeconds);
}
const onDisk = (fileKey: string, name: string) => existsSync(store.variantPath(fileKey, name));

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'pixvault-disk-cache-'));
  store = new BlobStore(root);
  removals = [];
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('DiskCache', () => {
  it('removes the least recently used generated files once their total passes the bound', async () => {
    const disk = cache(250);
    for (const name of ['one', 'two', 'three']) {
      await put(KEY_A, name, 100);
      disk.added(KEY_A, name, 100);
    }
    await settled();
    expect(disk.stats()).toMatchObject({ files: 2, bytes: 200, evicted: 1 });
    expect([onDisk(KEY_A, 'one'), onDisk(KEY_A, 'two'), onDisk(KEY_A, 'three')]).toEqual([false, true, true]);

    disk.used(KEY_A, 'two'); // served (from memory): now 'three' is the least recently used
    await put(KEY_A, 'four', 100);
    disk.added(KEY_A, 'four', 100);
    await settled();
    expect([onDisk(KEY_A, 'two'), onDisk(KEY_A, 'three'), onDisk(KEY_A, 'four')]).toEqual([true, false, true]);
  });

  it('counts what is on disk at start, oldest use first, and never touches originals', async () => {
    await store.writeAtomic(store.originalPath(KEY_A), Buffer.alloc(1000));
    await put(KEY_A, 'old', 100, 1_000);
    await put(KEY_A, 'new', 100, 3_000);
    await put(KEY_B, 'middle', 100, 2_000);
    await put('cc'.repeat(32), 'orphan', 100, 500); // no record owns it: the crash sweep's business
    const disk = cache(150);
    await disk.scan((fileKey) => fileKey !== 'cc'.repeat(32));
    await settled();
    expect(disk.stats()).toMatchObject({ files: 1, bytes: 100, evicted: 2 });
    expect([onDisk(KEY_A, 'old'), onDisk(KEY_B, 'middle'), onDisk(KEY_A, 'new')]).toEqual([false, false, true]);
    expect(existsSync(store.originalPath(KEY_A))).toBe(true);
  });

  it('keeps files recorded while it scans as the most recent, and counts each file once', async () => {
    await put(KEY_A, 'scanned', 100, 1_000);
    await put(KEY_A, 'written', 100, 1_000);
    const disk = cache(1_000);
    const scan = disk.scan(() => true);
    disk.added(KEY_A, 'written', 100);
    await scan;
    expect(disk.stats()).toMatchObject({ files: 2, bytes: 200 });
  });

  it('forgets the files of a deleted image or a changed variant', async () => {
    const disk = cache(1_000);
    disk.added(KEY_A, 'v-thumb.1.webp', 100);
    disk.added(KEY_A, 'f.2.webp', 100);
    disk.added(KEY_B, 'v-thumb.1.webp', 100);
    disk.droppedMatching('/v-thumb.');
    expect(disk.stats()).toMatchObject({ files: 1, bytes: 100 });
    disk.droppedImage(KEY_A);
    expect(disk.stats()).toMatchObject({ files: 0, bytes: 0 });
  });

  it('counts a file found on disk when it is first served, before the scan reaches it', () => {
    const disk = cache(1_000);
    disk.used(KEY_A, 'f.1.webp'); // a memory hit of an unknown file carries no size: nothing to count
    expect(disk.stats().files).toBe(0);
    disk.used(KEY_A, 'f.1.webp', 120);
    expect(disk.stats()).toMatchObject({ files: 1, bytes: 120 });
  });
});
