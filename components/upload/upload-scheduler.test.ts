/**
 * The uploader's queue end to end, without a browser: the reducer and the scheduler driven by a fake
 * transport (an app with a per-minute mint limit, an image service that answers 429 now and then, a
 * completion endpoint that is slow or busy) on fake timers, so minutes of backoff take no time.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError } from '@/lib/queries/images';
import type { BatchTicket } from '@/lib/schemas/api';
import { initialUploadState, type UploadItem, type UploadState, uploadReducer } from './upload-queue';
import { MAX_AUTO_TRIES } from './upload-retry';
import { UploadScheduler } from './upload-scheduler';
import type { MintRequest, UploadTransport } from './upload-transport';
import { ServiceUploadError } from './xhr-upload';

const after = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new DOMException('aborted', 'AbortError'));
    });
  });

interface FakeOptions {
  perMinute?: number;
  /** Every n-th send is refused with 429 and Retry-After: 1 (the service's upload slots are full). */
  busyEvery?: number;
  /** Every n-th send fails without an answer (network error). */
  dropEvery?: number;
  ticketLifetimeMs?: number;
  sendMs?: number;
  /** Answer for a file's send: a permanent refusal for some names. */
  refuse?: (name: string) => ServiceUploadError | null;
}

/** An app and image service in memory, counting what was asked of them. */
function fakeBackend(opts: FakeOptions = {}) {
  const { perMinute = 60, busyEvery = 7, dropEvery = 0, ticketLifetimeMs = 30 * 60_000, sendMs = 200 } = opts;
  const stats = { mintRequests: 0, minted: 0, sends: 0, sentToExpired: 0, completes: 0, duplicateChecks: 0 };
  /** Records whose URL was given back unused. */
  const released: string[] = [];
  /** Content already in the library, by hash; and the hash each completion call stored. */
  const library = new Map<string, { id: string; title: string }>();
  const storedHashes = new Map<string, string | null>();
  const urls = new Map<string, { recordId: string; expiresAt: number; used: boolean }>();
  const stored = new Set<string>();
  let tokens = perMinute;
  let refilledAt = Date.now();
  let n = 0;
  const transport: UploadTransport = {
    async mint(files: MintRequest[]): Promise<BatchTicket[]> {
      stats.mintRequests++;
      tokens = Math.min(perMinute, tokens + ((Date.now() - refilledAt) * perMinute) / 60_000);
      refilledAt = Date.now();
      const granted = Math.min(files.length, Math.floor(tokens));
      tokens -= granted;
      const wait = Math.ceil(((1 - (tokens % 1)) * 60) / perMinute);
      if (granted === 0) throw new ApiRequestError(429, 'rate_limited', 'Too many uploads', wait);
      return files.map((_, i): BatchTicket => {
        if (i >= granted)
          return { ok: false, error: { code: 'rate_limited', message: 'wait', status: 429, retryAfterSeconds: wait } };
        const id = `rec-${++stats.minted}`;
        const expiresAt = Date.now() + ticketLifetimeMs;
        urls.set(`https://svc/${id}`, { recordId: id, expiresAt, used: false });
        return {
          ok: true,
          ticket: { id, uploadURL: `https://svc/${id}`, expiresAt: new Date(expiresAt).toISOString() },
        };
      });
    },
    async send(url, file, { signal }) {
      const k = ++n;
      stats.sends++;
      await after(sendMs, signal);
      const draft = urls.get(url);
      if (!draft) throw new ServiceUploadError('Unknown upload URL', 404);
      if (draft.expiresAt <= Date.now()) {
        stats.sentToExpired++;
        throw new ServiceUploadError('This upload URL has expired', 410);
      }
      if (draft.used) throw new ServiceUploadError('This upload URL was already used', 409);
      const refusal = opts.refuse?.(file.name);
      if (refusal) throw refusal;
      if (busyEvery && k % busyEvery === 0) throw new ServiceUploadError('Too many uploads', 429, 1);
      if (dropEvery && k % dropEvery === 0) throw new ServiceUploadError('Could not reach the image service', 0);
      draft.used = true;
      stored.add(draft.recordId);
    },
    async duplicate(sha256, signal) {
      stats.duplicateChecks++;
      await after(10, signal);
      return library.get(sha256) ?? null;
    },
    async complete(recordId, sha256, signal) {
      stats.completes++;
      await after(20, signal);
      if (stats.completes % 11 === 0) throw new ApiRequestError(503, 'busy', 'Try again', 1);
      if (!stored.has(recordId)) return 'gone';
      storedHashes.set(recordId, sha256);
      return 'ready';
    },
    async release(recordId) {
      released.push(recordId);
      urls.delete(`https://svc/${recordId}`);
    },
  };
  return { transport, stats, stored, library, storedHashes, released };
}

/** The reducer plus the scheduler, synced after every change as the component's effect does. */
function uploader(transport: UploadTransport) {
  let state: UploadState = initialUploadState;
  let ready = 0;
  const scheduler: UploadScheduler = new UploadScheduler(
    (action) => {
      state = uploadReducer(state, action);
      queueMicrotask(() => scheduler.sync(state.items));
    },
    // A stand-in for SHA-256 (Web Crypto works outside the fake clock): one "hash" per file name.
    { transport, random: () => 0.5, hash: async (file) => `sha-${file.name}`, onReady: () => ready++ },
  );
  const dispatch = (action: Parameters<typeof uploadReducer>[1]) => {
    state = uploadReducer(state, action);
    scheduler.sync(state.items);
  };
  return {
    add(count: number, name = (i: number) => `photo-${i}.jpg`) {
      const items = Array.from(
        { length: count },
        (_, i): UploadItem => ({
          key: `k${i}`,
          file: new File([new Uint8Array(10)], name(i), { type: 'image/jpeg' }),
          type: 'image/jpeg',
          previewUrl: null,
          status: { kind: 'waiting' },
          attempt: 0,
          recordId: null,
          tries: 0,
        }),
      );
      dispatch({ type: 'add', items });
    },
    dispatch,
    kinds: () => state.items.map((i) => i.status.kind),
    get state() {
      return state;
    },
    get ready() {
      return ready;
    },
    scheduler,
  };
}

/** Runs the fake clock until nothing is waiting, running or retrying (or `limitMs` passed). */
async function settle(u: ReturnType<typeof uploader>, limitMs = 60 * 60_000): Promise<number> {
  const start = Date.now();
  const busy = () =>
    u.kinds().some((k) => k === 'waiting' || k === 'uploading' || k === 'processing' || k === 'retrying');
  while (busy() && Date.now() - start < limitMs) await vi.advanceTimersByTimeAsync(2000);
  return Date.now() - start;
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('upload scheduler', () => {
  // Seconds of CPU on a quiet machine; the bound is for a busy one (the clock itself is fake).
  it('finishes 500 dropped files without a click, through rate limits, 429s, network errors and busy answers', {
    timeout: 120_000,
  }, async () => {
    const backend = fakeBackend({ perMinute: 60, busyEvery: 7, dropEvery: 13 });
    const u = uploader(backend.transport);
    u.add(500);
    const elapsed = await settle(u);
    expect(u.kinds().filter((k) => k !== 'done')).toEqual([]);
    expect(u.ready).toBe(500);
    expect(backend.stored.size).toBe(500);
    // One URL per file (a 429 never cost a file its URL or turned into a refusal); never one sent to twice.
    expect(backend.stats.minted).toBe(500);
    expect(backend.stats.sentToExpired).toBe(0);
    // 60 a minute: the files beyond the first minute's 60 waited for the limit instead of failing.
    expect(elapsed).toBeGreaterThan(((500 - 60) / 60) * 60_000);
    u.scheduler.dispose();
  });

  it('mints URLs for many files in one request', async () => {
    const backend = fakeBackend({ perMinute: 10_000, busyEvery: 0 });
    const u = uploader(backend.transport);
    u.add(120);
    await settle(u);
    expect(u.kinds().every((k) => k === 'done')).toBe(true);
    expect(backend.stats.mintRequests).toBe(3); // 50 + 50 + 20
  });

  it('waits for the Retry-After the service sent before sending again', async () => {
    let sends: number[] = [];
    const backend = fakeBackend({ busyEvery: 0 });
    const send = backend.transport.send;
    let first = true;
    backend.transport.send = async (url, file, options) => {
      sends.push(Date.now());
      if (first) {
        first = false;
        throw new ServiceUploadError('Too many uploads', 429, 30);
      }
      return send(url, file, options);
    };
    const u = uploader(backend.transport);
    u.add(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(u.state.items[0]?.status).toMatchObject({ kind: 'retrying' });
    await settle(u);
    expect(u.kinds()).toEqual(['done']);
    expect(sends).toHaveLength(2);
    // 30 s from the header, plus at most 20% jitter (here exactly 10%: random is pinned at 0.5).
    expect((sends[1] ?? 0) - (sends[0] ?? 0)).toBe(33_000);
    sends = [];
  });

  it('mints a fresh URL when the one it held expired before its turn', async () => {
    // URLs that live 3 minutes; each upload takes a minute, three at a time: later files' URLs run out.
    const backend = fakeBackend({ busyEvery: 0, ticketLifetimeMs: 3 * 60_000, sendMs: 60_000 });
    const u = uploader(backend.transport);
    u.add(12);
    await settle(u);
    expect(u.kinds().every((k) => k === 'done')).toBe(true);
    expect(backend.stats.sentToExpired).toBe(0);
    expect(backend.stats.minted).toBeGreaterThan(12);
  });

  it('refuses a file the service will never take, with no automatic or manual retry', async () => {
    const backend = fakeBackend({
      busyEvery: 0,
      refuse: (name) => (name === 'photo-1.jpg' ? new ServiceUploadError('Unsupported image format', 415) : null),
    });
    const u = uploader(backend.transport);
    u.add(3);
    await settle(u);
    expect(u.kinds()).toEqual(['done', 'refused', 'done']);
    expect(u.state.items[1]?.status).toEqual({ kind: 'refused', message: 'Unsupported image format' });
    expect(backend.stats.sends).toBe(3);
  });

  it('gives up after the automatic tries, then "Retry all failed" sends every failed file again', async () => {
    const backend = fakeBackend({ busyEvery: 0 });
    const send = backend.transport.send;
    let offline = true;
    backend.transport.send = async (url, file, options) => {
      if (offline) throw new ServiceUploadError('Could not reach the image service', 0);
      return send(url, file, options);
    };
    const u = uploader(backend.transport);
    u.add(2);
    await settle(u);
    expect(u.kinds()).toEqual(['failed', 'failed']);
    expect(u.state.items.map((i) => i.tries)).toEqual([MAX_AUTO_TRIES - 1, MAX_AUTO_TRIES - 1]);
    offline = false;
    u.dispatch({ type: 'retryAllFailed' });
    await settle(u);
    expect(u.kinds()).toEqual(['done', 'done']);
  });

  it('stops a file the library has already at Skip / Upload anyway; the hash goes with every completion', async () => {
    const backend = fakeBackend({ busyEvery: 0 });
    backend.library.set('sha-photo-1.jpg', { id: 'rec-old', title: 'Sunset' });
    const u = uploader(backend.transport);
    u.add(3);
    await settle(u);
    expect(u.kinds()).toEqual(['done', 'duplicate', 'done']);
    expect(u.state.items[1]?.status).toEqual({ kind: 'duplicate', match: { id: 'rec-old', title: 'Sunset' } });
    expect(backend.stats.sends).toBe(2);
    expect([...backend.storedHashes.values()].sort()).toEqual(['sha-photo-0.jpg', 'sha-photo-2.jpg']);
    // "Upload anyway": sent without asking the library again, with its hash.
    const checks = backend.stats.duplicateChecks;
    u.dispatch({ type: 'uploadAnyway', key: 'k1' });
    await settle(u);
    expect(u.kinds()).toEqual(['done', 'done', 'done']);
    expect(backend.stats.duplicateChecks).toBe(checks);
    expect([...backend.storedHashes.values()]).toContain('sha-photo-1.jpg');
  });

  it('skips a duplicate: the row goes and nothing of it is sent', async () => {
    const backend = fakeBackend({ busyEvery: 0 });
    backend.library.set('sha-photo-0.jpg', { id: 'rec-old', title: 'Sunset' });
    const u = uploader(backend.transport);
    u.add(1);
    await settle(u);
    expect(u.kinds()).toEqual(['duplicate']);
    u.dispatch({ type: 'remove', key: 'k0' });
    await settle(u);
    expect(u.state.items).toEqual([]);
    expect(backend.stats.sends).toBe(0);
    // Its URL was minted ahead of the duplicate check: it is given back, not left to expire.
    expect(backend.stats.minted).toBe(1);
    expect(backend.released).toEqual(['rec-1']);
  });

  it('gives back only URLs nothing was sent to', async () => {
    const backend = fakeBackend({ busyEvery: 0 });
    const u = uploader(backend.transport);
    u.add(3);
    await settle(u);
    expect(u.kinds()).toEqual(['done', 'done', 'done']);
    u.dispatch({ type: 'remove', key: 'k1' });
    await settle(u);
    expect(backend.released).toEqual([]);
  });
});
