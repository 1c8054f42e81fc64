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
const drawing = (paths: number, text = '') =>
  Buffer.from(
    `<svg xmlns="${NS}" width="100" height="10"><desc>${text}</desc>${Array.from({ length: paths }, (_, i) => `<path d="M${i} 0 L${i} 9"/>`).join('')}</svg>`,
  );
// Near the element limit: seconds of jsdom work, holding the worker while the files behind it arrive.
// It may even pass its deadline on a very busy machine (a 400); either way the worker was held.
const BLOCKER = drawing(19_000);
// Large files (~600 KB): smaller ones that arrive up to a few seconds after them go first.
const HEAVY = drawing(2000, 'lorem ipsum '.repeat(45_000));

let t: TestService;
beforeAll(async () => {
  t = await startTestService({ svgWorkers: 1, svgQueueMax: 3 });
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

/**
 * Puts the blocker on the worker, then queues `heavies` more behind it, each step once the pool shows it:
 * on a busy machine uploads arrive at their own pace, and a heavy file alone could finish before the next is in.
 */
async function heavyLoad<T>(
  heavies: number,
  send: (name: string, bytes: Buffer) => Promise<T>,
): Promise<{ done: Promise<T[]> }> {
  const blocker = send('blocker', BLOCKER);
  await vi.waitFor(() => expect(svgPoolStats()).toMatchObject({ busy: 1, waiting: 0 }), { timeout: 60_000 });
  const queued = Array.from({ length: heavies }, (_, i) => send(`heavy-${i + 1}`, HEAVY));
  await vi.waitFor(() => expect(svgPoolStats()).toMatchObject({ busy: 1, waiting: heavies }), { timeout: 60_000 });
  return { done: Promise.all([blocker, ...queued]) }; // wrapped: an async function would wait for a returned promise
}

function originals(): number {
  const dir = t.svc.core.store.originalsDir;
  return readdirSync(dir).reduce((n, shard) => n + readdirSync(path.join(dir, shard)).length, 0);
}

describe('SVG sanitizing', () => {
  it('has its worker warm (jsdom loaded) by the time the service answers, before any SVG arrives', () => {
    expect(svgPoolStats()).toMatchObject({ workers: 1, warm: 1, busy: 0, waiting: 0, completed: 0 });
  });

  it('answers a tiny SVG uploaded behind heavy ones before them', { timeout: 120_000 }, async () => {
    const finished: string[] = [];
    const named = (name: string, res: Promise<Response>) =>
      res.then((r) => {
        finished.push(name);
        return r.status;
      });
    const heavies = await heavyLoad(2, (name, bytes) => named(name, upload(bytes, `${name}.svg`)));
    const tiny = named('tiny', upload(TINY, 'tiny.svg'));
    const [[blocker, ...large], small] = await Promise.all([heavies.done, tiny]);
    expect([200, 400]).toContain(blocker);
    expect([...large, small]).toEqual([200, 200, 200]);
    // The blocker was already on the worker; the tiny file went next, ahead of the two that waited longer.
    expect(finished.indexOf('tiny')).toBeLessThan(finished.indexOf('heavy-1'));
    expect(finished.indexOf('tiny')).toBeLessThan(finished.indexOf('heavy-2'));
  });

  it('answers 429 with Retry-After when the queue is full, stores nothing, and takes the file once it drains', {
    timeout: 120_000,
  }, async () => {
    const before = originals();
    const { id, uploadURL } = await t.cf.images.v2.directUploads.create({ account_id: t.accountId });
    const heavies = await heavyLoad(3, (name, bytes) => upload(bytes, `${name}.svg`)); // the queue is full
    const refused = await postFile(uploadURL ?? '', TINY, 'tiny.svg', 'image/svg+xml');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await refused.json()) as { success: boolean; errors: { code: number; message: string }[] };
    expect(body.success).toBe(false);
    expect(body.errors[0]).toMatchObject({ code: 5453, message: expect.stringMatching(/Too many SVG files/) });

    const [blocker, ...large] = (await heavies.done).map((r) => r.status);
    expect(large).toEqual([200, 200, 200]);
    const stored = before + large.length + (blocker === 200 ? 1 : 0);
    expect(originals()).toBe(stored); // the refused file left none
    expect(t.svc.core.records.get(id ?? '')).toMatchObject({ draft: 1 }); // ...and its upload URL still works
    const retried = await postFile(uploadURL ?? '', TINY, 'tiny.svg', 'image/svg+xml');
    expect(retried.status).toBe(200);
    expect(originals()).toBe(stored + 1);
  });
});
