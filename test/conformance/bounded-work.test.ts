/** Work is bounded: merged identical transforms, a capped queue answering 429, eager variants, disk cache. */
import { readdirSync } from 'node:fs';
import { toFile } from 'cloudflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpeg, noisyJpeg } from '../helpers/images';
import { startTestService, type TestService } from '../helpers/service';

describe('transform queue', () => {
  let t: TestService;
  let id: string;
  beforeAll(async () => {
    t = await startTestService({ transformConcurrency: 1, transformQueueMax: 2 });
    await fetch(`${t.api}/v1/config`, {
      method: 'PATCH',
      headers: { ...t.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ flexible_variants: true }),
    });
    const image = await t.cf.images.v1.create({
      account_id: t.accountId,
      file: await toFile(await noisyJpeg(2000, 1500), 'big.jpg'),
    });
    id = image.id ?? '';
  });
  afterAll(() => t.stop());
  const url = (opts: string) => `${t.svc.url}/${t.config.accountHash}/${id}/${opts}`;

  it('merges identical concurrent requests into one transform', async () => {
    const before = t.svc.core.queue.stats();
    const responses = await Promise.all(Array.from({ length: 20 }, () => fetch(url('w=333,f=webp'))));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const bodies = await Promise.all(responses.map(async (r) => Buffer.from(await r.arrayBuffer()).toString('base64')));
    expect(new Set(bodies).size).toBe(1);
    const after = t.svc.core.queue.stats();
    expect(after.completed - before.completed).toBe(1);
    expect(after.merged - before.merged).toBe(19);
  });

  it('answers 429 with Retry-After when the queue is full, and serves again once it drains', async () => {
    const widths = Array.from({ length: 12 }, (_, i) => 400 + i);
    const responses = await Promise.all(widths.map((w) => fetch(url(`w=${w},f=webp`))));
    const statuses = responses.map((r) => r.status);
    const busy = responses.filter((r) => r.status === 429);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(3); // 1 running + 2 queued
    expect(busy.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    expect(Number(busy[0]?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await busy[0]?.text()).toMatch(/^ERROR 9422: The image service is busy/);
    await t.svc.core.queue.idle();
    for (const [i, w] of widths.entries()) {
      if (statuses[i] === 429) expect((await fetch(url(`w=${w},f=webp`))).status).toBe(200);
    }
  });

  it('serves a generated variant from the disk cache without transforming again', async () => {
    await fetch(url('w=120,f=webp'));
    const image = t.svc.core.records.storedImage(id);
    t.svc.core.memory.deletePrefix(`${image?.file_key}/`); // force the disk path
    const before = t.svc.core.queue.stats().completed;
    expect((await fetch(url('w=120,f=webp'))).status).toBe(200);
    expect(t.svc.core.queue.stats().completed).toBe(before);
  });
});

describe('eager variants', () => {
  it('renders the named variants in the background right after upload', async () => {
    const t = await startTestService({ eagerVariants: true });
    try {
      await t.cf.images.v1.variants.create({
        account_id: t.accountId,
        id: 'thumbnail',
        options: { fit: 'cover', width: 100, height: 100, metadata: 'none' },
      });
      const image = await t.cf.images.v1.create({
        account_id: t.accountId,
        // Smooth, so AVIF beats the JPEG (for noise the service may serve the smaller JPEG instead).
        file: await toFile(await jpeg(800, 600), 'a.jpg'),
      });
      // Not queue.idle(): a render checks the disk before it joins the queue, so the queue may still look idle.
      await t.svc.core.renders.backgroundSettled();
      const stored = t.svc.core.records.storedImage(image.id ?? '');
      const files = readdirSync(t.svc.core.store.variantDir(stored?.file_key ?? '')).sort();
      expect(files.map((f) => f.replace(/\.[0-9a-f]{20}\./, '.'))).toEqual(['v-public.avif', 'v-thumbnail.avif']);
      const before = t.svc.core.queue.stats().completed;
      const res = await fetch(`${t.svc.url}/${t.config.accountHash}/${image.id}/thumbnail`, {
        headers: { accept: 'image/avif,image/webp' },
      });
      expect(res.headers.get('content-type')).toBe('image/avif');
      expect(t.svc.core.queue.stats().completed).toBe(before); // the first viewer did not pay the transform
    } finally {
      await t.stop();
    }
  });
});
