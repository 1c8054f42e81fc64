/**
 * SVG sanitizing is bounded and fair (issue 7 item 5): workers are warm from the start, a tiny drawing
 * uploaded behind heavy ones is answered before them, a full queue answers 429 with Retry-After and
 * stores nothing, and the workers stop with the service. Order is asserted, never durations.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { svgPoolStats } from '@/lib/image-service/svg-pool';
import { postFile, startTestService, type TestService } from '../helpers/service';

const NS = 'http://www.w3.org/2000/svg';
const TINY = Buffer.from(`<svg xmlns="${NS}" width="4" height="3"><rect width="1" height="1"/></svg>`);
// Several seconds of jsdom work each: far longer than storing a tiny file takes.
const HEAVY = Buffer.from(
  `<svg xmlns="${NS}" width="100" height="10">${Array.from({ length: 6000 }, (_, i) => `<path d="M${i} 0 L${i} 9"/>`).join('')}</svg>`,
);

let t: TestService;
beforeAll(async () => {
  t = await startTestService({ svgWorkers: 1, svgQueueMax: 2 });
});
afterAll(async () => {
  await t?.stop();
  expect(svgPoolStats()).toBeNull(); // the last service to close stopped the workers
});

function upload(bytes: Buffer, name: string): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/svg+xml' }), name);
  return fetch(`${t.api}/v1`, { method: 'POST', headers: t.auth, body: form });
}

/** Uploads `count` heavy drawings, and resolves once one is on the worker and the others wait behind it. */
async function heavyLoad<T>(count: number, each: (i: number) => Promise<T>): Promise<{ done: Promise<T[]> }> {
  const heavies = Array.from({ length: count }, (_, i) => each(i));
  await vi.waitFor(() => expect(svgPoolStats()).toMatchObject({ busy: 1, waiting: count - 1 }), { timeout: 30_000 });
  return { done: Promise.all(heavies) };
}

function originals(): number {
  const dir = t.svc.core.store.originalsDir;
  return readdirSync(dir).reduce((n, shard) => n + readdirSync(path.join(dir, shard)).length, 0);
}

describe('SVG sanitizing', () => {
  it('starts its worker with the service, before any SVG arrives', () => {
    expect(svgPoolStats()).toMatchObject({ workers: 1, busy: 0, waiting: 0, completed: 0 });
  });

  it('answers a tiny SVG uploaded behind heavy ones before them', async () => {
    const finished: string[] = [];
    const named = (name: string, res: Promise<Response>) =>
      res.then((r) => {
        finished.push(name);
        return r.status;
      });
    const heavies = await heavyLoad(3, (i) => named(`heavy-${i}`, upload(HEAVY, `heavy-${i}.svg`)));
    const tiny = named('tiny', upload(TINY, 'tiny.svg'));
    expect(await Promise.all([heavies.done, tiny])).toEqual([[200, 200, 200], 200]);
    // heavy-0 was already on the worker; the tiny file went next, ahead of the two that waited longer.
    expect(finished.indexOf('tiny')).toBeLessThan(finished.indexOf('heavy-1'));
    expect(finished.indexOf('tiny')).toBeLessThan(finished.indexOf('heavy-2'));
  });

  it('answers 429 with Retry-After when the queue is full, stores nothing, and takes the file once it drains', async () => {
    const before = originals();
    const { id, uploadURL } = await t.cf.images.v2.directUploads.create({ account_id: t.accountId });
    const heavies = await heavyLoad(3, (i) => upload(HEAVY, `heavy-${i}.svg`));
    const refused = await postFile(uploadURL ?? '', TINY, 'tiny.svg', 'image/svg+xml');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await refused.json()) as { success: boolean; errors: { code: number; message: string }[] };
    expect(body.success).toBe(false);
    expect(body.errors[0]).toMatchObject({ code: 5453, message: expect.stringMatching(/Too many SVG files/) });

    expect((await heavies.done).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(originals()).toBe(before + 3); // the refused file left no file behind
    expect(t.svc.core.records.get(id ?? '')).toMatchObject({ draft: 1 }); // ...and its upload URL still works
    const retried = await postFile(uploadURL ?? '', TINY, 'tiny.svg', 'image/svg+xml');
    expect(retried.status).toBe(200);
    expect(originals()).toBe(before + 4);
  });
});
