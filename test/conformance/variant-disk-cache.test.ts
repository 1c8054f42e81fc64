/**
 * Generated files on disk stay within their bound (issue 7 item 7): flexible variants cannot fill the
 * disk; the least recently used go, originals never; an evicted variant is rendered again when asked for.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { toFile } from 'cloudflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noisyJpeg } from '../helpers/images';
import { startTestService, type TestService } from '../helpers/service';

const BOUND = 24 * 1024; // a few of the variants asked for below (2–11 KB each)

/** Every file under `dir`, with its size. */
function files(dir: string): { file: string; size: number }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile())
    .map((file) => ({ file, size: statSync(file).size }));
}
const total = (list: { size: number }[]) => list.reduce((n, f) => n + f.size, 0);

describe('variant disk cache', () => {
  let t: TestService;
  let id: string;
  let original: Buffer;
  beforeAll(async () => {
    // No memory cache: every repeat request must come from disk or a new render, which is what is watched here.
    t = await startTestService({ variantCacheBytes: BOUND, memoryCacheBytes: 0 });
    await fetch(`${t.api}/v1/config`, {
      method: 'PATCH',
      headers: { ...t.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ flexible_variants: true }),
    });
    const image = await t.cf.images.v1.create({
      account_id: t.accountId,
      file: await toFile(await noisyJpeg(900, 600), 'noise.jpg'),
    });
    id = image.id ?? '';
    original = readFileSync(t.svc.core.store.originalPath(t.svc.core.records.storedImage(id)?.file_key ?? ''));
  });
  afterAll(() => t.stop());

  const get = (w: number) => fetch(`${t.svc.url}/${t.config.accountHash}/${id}/w=${w},f=webp`);
  const completed = () => t.svc.core.queue.stats().completed;

  it('keeps the variants folder under its bound however many flexible variants are asked for', async () => {
    let generated = 0;
    for (let w = 100; w <= 212; w += 8) {
      const res = await get(w);
      expect(res.status).toBe(200);
      generated += (await res.arrayBuffer()).byteLength;
      await t.svc.core.work.settled(); // evictions remove files in the background
      expect(total(files(t.svc.core.store.variantsDir))).toBeLessThanOrEqual(BOUND);
    }
    expect(generated).toBeGreaterThan(2 * BOUND); // the bound was really passed, more than once over
    expect(t.svc.core.disk.stats().evicted).toBeGreaterThan(0);
    expect(t.svc.core.disk.stats().bytes).toBe(total(files(t.svc.core.store.variantsDir)));
  });

  it('never removes the original', async () => {
    const stored = t.svc.core.records.storedImage(id);
    // Buffer.equals, not toEqual: a deep compare of 300 KB blocks the event loop for seconds.
    expect(readFileSync(t.svc.core.store.originalPath(stored?.file_key ?? '')).equals(original)).toBe(true);
    const blob = await fetch(`${t.api}/v1/${id}/blob`, { headers: t.auth });
    expect(blob.status).toBe(200);
    expect(Buffer.from(await blob.arrayBuffer()).equals(original)).toBe(true);
  });

  it('serves a recent variant from disk, and renders an evicted one again on the next request', async () => {
    const before = completed();
    expect((await get(212)).status).toBe(200); // the last one asked for: still on disk
    expect(completed()).toBe(before);
    expect((await get(100)).status).toBe(200); // the first one: evicted long ago
    expect(completed()).toBe(before + 1);
    await t.svc.core.work.settled();
    expect(total(files(t.svc.core.store.variantsDir))).toBeLessThanOrEqual(BOUND);
  });

  it('keeps a variant in use while others come and go (least recently used goes first)', async () => {
    await get(96);
    const before = completed();
    const widths = Array.from({ length: 9 }, (_, i) => 131 + 10 * i); // together far more than the bound
    for (const w of widths) {
      expect((await get(w)).status).toBe(200);
      expect((await get(96)).status).toBe(200); // used again after every new one
      await t.svc.core.work.settled();
    }
    expect(t.svc.core.disk.stats().bytes).toBeLessThanOrEqual(BOUND);
    expect(completed() - before).toBe(widths.length); // each new one rendered once; the one in use never again
  });
});
