/**
 * The deadlines are timers of the main thread, so they run on a fake clock here: a test moves time on
 * by hand while the worker thread works in real time, and no result depends on how busy the machine is.
 * Order is asserted as the order in which results arrive, never as durations.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CloudflareImagesError } from '@/lib/cloudflare-images/errors';
import { sanitizeSvg } from './svg';
import { SMALL_SVG_BYTES } from './svg-order';
import { SVG_IDLE_RETIRE_MS, SvgPool } from './svg-pool';

const NS = 'http://www.w3.org/2000/svg';
const small = Buffer.from(`<svg xmlns="${NS}" width="4" height="3"><rect width="1" height="1"/></svg>`);
const drawing = (paths: number) =>
  Buffer.from(
    `<svg xmlns="${NS}">${Array.from({ length: paths }, (_, i) => `<path d="M${i} 0 L${i} 9"/>`).join('')}</svg>`,
  );
const heavy = drawing(2600); // just over SMALL_SVG_BYTES: a large file, worth a second or so of jsdom

const pools: SvgPool[] = [];
async function warmPool(workers: number, queueMax = 16): Promise<SvgPool> {
  const pool = new SvgPool({ workers, queueMax, now: () => 0 }); // every file arrives at the same instant
  pools.push(pool);
  await pool.ready();
  return pool;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});
afterAll(async () => {
  for (const pool of pools.splice(0)) {
    await pool.close();
    expect(pool.stats().workers).toBe(0); // no worker thread outlives its pool
  }
});

/** A bound, never waited for: jsdom loads and heavy files sanitize in seconds, ~30 s on a machine busy with other work. */
const BUSY_MACHINE = { timeout: 120_000 };

describe('SvgPool with one worker', BUSY_MACHINE, () => {
  // One pool for these (starting a worker costs seconds of jsdom loading); each waits until it is warm.
  let shared: Promise<SvgPool>;
  beforeAll(() => {
    shared = warmPool(1);
  });
  const warm = async () => {
    const p = await shared;
    await p.ready();
    return p;
  };

  it('sanitizes on a warm worker and returns the same result as inline', async () => {
    const p = await warm();
    expect(p.stats()).toMatchObject({ workers: 1, busy: 0, waiting: 0 });
    const result = await p.sanitize(small);
    expect(result).toMatchObject({ ok: true, width: 4, height: 3 });
    expect(result).toEqual(sanitizeSvg(small));
  });

  it('counts a deadline from when a worker starts on a file, so files queued behind a slow one are not refused', async () => {
    const p = await warm();
    const slow = p.sanitize(heavy, 60_000);
    const queued = Array.from({ length: 3 }, () => p.sanitize(small, 500));
    // Still in this tick, so the worker cannot have answered: the queued files wait past their 500 ms.
    vi.advanceTimersByTime(1000);
    const results = await Promise.all([slow, ...queued]);
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true]);
  });

  it('refuses a file past its deadline and carries on with a fresh worker for the next', async () => {
    const p = await warm();
    const late = p.sanitize(heavy, 1000);
    const after = p.sanitize(small);
    vi.advanceTimersByTime(1000); // the drawing's deadline passes before the worker could answer
    expect(await late).toMatchObject({ ok: false, reason: expect.stringMatching(/too complex/) });
    expect(await after).toMatchObject({ ok: true });
    expect(p.stats().workers).toBe(1); // replaced
  });

  it('gives a tiny file queued behind heavy ones the next free worker (shortest first)', async () => {
    const p = await warm();
    const done: string[] = [];
    const track = (name: string, input: Buffer) =>
      p.sanitize(input, 60_000).then((r) => {
        done.push(name);
        return r;
      });
    // heavy-0 starts at once; the others wait, and the tiny file, last to arrive, waits least.
    const jobs = [0, 1, 2].map((i) => track(`heavy-${i}`, heavy));
    expect(p.stats()).toMatchObject({ busy: 1, waiting: 2 });
    jobs.push(track('tiny', small));
    const results = await Promise.all(jobs);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(done).toEqual(['heavy-0', 'tiny', 'heavy-1', 'heavy-2']);
  });
});

describe('SvgPool', BUSY_MACHINE, () => {
  it('keeps one worker for small files while large ones wait, so a tiny file starts at once', async () => {
    expect(heavy.length).toBeGreaterThan(SMALL_SVG_BYTES);
    const p = await warmPool(2);
    const heavies = [0, 1, 2].map(() => p.sanitize(heavy, 60_000));
    expect(p.stats()).toMatchObject({ workers: 2, busy: 1, waiting: 2 }); // the second worker is kept free
    const tiny = p.sanitize(small, 60_000);
    expect(p.stats()).toMatchObject({ busy: 2, waiting: 2 }); // started right away, not queued
    expect(await tiny).toMatchObject({ ok: true });
    expect((await Promise.all(heavies)).every((r) => r.ok)).toBe(true);
  });

  it('refuses a file beyond the queue bound with 429 and a Retry-After, and leaves nothing queued', async () => {
    const p = await warmPool(1, 2);
    const accepted = [0, 1, 2].map(() => p.sanitize(heavy, 60_000)); // one running, two waiting
    const refused = await p.sanitize(small).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(CloudflareImagesError);
    const err = refused as CloudflareImagesError;
    expect(err.status).toBe(429);
    expect(Number(err.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(err.message).toMatch(/^ERROR 5453: Too many SVG files/);
    expect(p.stats()).toMatchObject({ busy: 1, waiting: 2, rejected: 1 });
    expect((await Promise.all(accepted)).every((r) => r.ok)).toBe(true);
    expect(p.stats()).toMatchObject({ busy: 0, waiting: 0 });
    expect(await p.sanitize(small)).toMatchObject({ ok: true }); // room again once the queue drained
  });

  it('refuses what waits when it closes', async () => {
    const p = await warmPool(1);
    const outcomes = Promise.allSettled([p.sanitize(heavy, 60_000), p.sanitize(small)]); // running, waiting
    await p.close();
    const refused = (await outcomes).map((o) => (o.status === 'rejected' ? o.reason : o.value));
    expect(refused).toMatchObject([{ status: 503 }, { status: 503 }]);
  });
});

describe('closing a pool', BUSY_MACHINE, () => {
  it('lets workers still loading finish loading before it stops them (terminating one mid-load can crash Node 20)', async () => {
    vi.useRealTimers();
    const pool = new SvgPool({ workers: 2, queueMax: 4 });
    pool.warm();
    expect(pool.stats()).toMatchObject({ workers: 2, loaded: 0 }); // both threads are loading now
    await pool.close();
    expect(pool.stats()).toMatchObject({ workers: 0, loaded: 2 });
  });
});

describe('starting a pool', BUSY_MACHINE, () => {
  it('keeps one worker warm from the start and starts the others only when files wait (each holds ~130 MB)', async () => {
    vi.useRealTimers();
    const pool = new SvgPool({ workers: 2, queueMax: 4 });
    await pool.firstReady();
    expect(pool.stats()).toMatchObject({ workers: 1, warm: 1 });
    const results = [pool.sanitize(heavy, 60_000), pool.sanitize(small, 60_000)];
    expect(pool.stats()).toMatchObject({ workers: 2, busy: 1, waiting: 1 }); // the second is loading for the waiting file
    expect((await Promise.all(results)).map((r) => r.ok)).toEqual([true, true]);
    await pool.close();
    expect(pool.stats().workers).toBe(0);
  });

  it('stops a worker beyond the first once it has been idle for a minute', async () => {
    const pool = new SvgPool({ workers: 2, queueMax: 4 });
    pools.push(pool);
    await pool.ready(); // both warm
    expect(await pool.sanitize(small)).toMatchObject({ ok: true });
    expect(pool.stats()).toMatchObject({ workers: 2, busy: 0 });
    vi.advanceTimersByTime(SVG_IDLE_RETIRE_MS - 1);
    expect(pool.stats().workers).toBe(2);
    vi.advanceTimersByTime(1);
    await vi.waitFor(() => expect(pool.stats()).toMatchObject({ workers: 1, warm: 1 }), { timeout: 30_000 });
    expect(await pool.sanitize(small)).toMatchObject({ ok: true }); // the first stays warm and works
  });
});
