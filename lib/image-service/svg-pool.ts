/**
 * Runs the SVG sanitizer on worker threads: a pool sized to the machine, started warm, fed from a bounded
 * queue in shortest-first order (svg-order.ts). A hostile or huge drawing costs seconds of DOM work (see
 * bench/results/ingest.md): it never stalls delivery or raster transforms (their queue is another), and one
 * that runs past its deadline is refused and its worker replaced. Beyond the queue's bound, uploads are
 * refused with 429 and a Retry-After, instead of waiting minutes.
 */
import { Worker } from 'node:worker_threads';
import { cfError } from '@/lib/cloudflare-images/errors';
import type { SvgResult } from './svg';
import { isLarge, largeMayStart, pickNext, rankOf } from './svg-order';

export interface SvgPoolOptions {
  /** Worker threads (each holds ~130 MB resident: a thread, tsx's module hooks, a jsdom window). */
  workers: number;
  /** Files allowed to wait for a worker; one more is refused with 429. */
  queueMax: number;
  now?: () => number;
}

export interface SvgPoolStats {
  workers: number;
  /** Workers that have loaded jsdom and can take a file at once. */
  warm: number;
  busy: number;
  waiting: number;
  completed: number;
  rejected: number;
  /** Workers that finished loading (each is stopped only after that, see retire()). */
  loaded: number;
}

/** The deadline of one file, counted from when a warm worker starts on it. */
export const SVG_TIMEOUT_MS = 15_000;

interface Job {
  bytes: Uint8Array;
  rank: number;
  seq: number;
  large: boolean;
  timeoutMs: number;
  startedAt: number;
  resolve: (r: SvgResult) => void;
  reject: (e: Error) => void;
}

/** A worker beyond the first that has been idle this long is stopped (it is started again when files wait). */
export const SVG_IDLE_RETIRE_MS = 60_000;

/** How long a retired worker may take to finish loading before it is terminated regardless. */
const LOADING_BOUND_MS = 60_000;

/** Waits for `p` to settle (either way), or for `ms` to pass. */
function settledWithin(p: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    p.then(
      () => resolve(),
      () => resolve(),
    ).finally(() => clearTimeout(timer));
  });
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Settles when the worker has loaded jsdom, or has died trying. */
  warmed: Promise<void>;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  /** Set while an extra worker sits idle: it stops when this fires. */
  idleTimer: NodeJS.Timeout | null;
}

type FromWorker = { ready: true } | { result: SvgResult };

const unavailable = () => cfError(5503);
const TOO_COMPLEX = 'The SVG is too complex to process; simplify it or export it as PNG.';

export class SvgPool {
  private readonly slots = new Set<Slot>();
  private readonly waiting: Job[] = [];
  private seq = 0;
  private closed = false;
  /** Moving average of one file's time on a worker, for Retry-After. */
  private averageMs = 1000;
  private readonly counters = { completed: 0, rejected: 0, loaded: 0 };

  constructor(private options: SvgPoolOptions) {}

  /** New sizes apply from now on; extra idle workers stop. */
  configure(options: SvgPoolOptions): void {
    this.options = options;
    for (const slot of this.slots) if (this.slots.size > options.workers && !slot.job) void this.retire(slot);
  }

  /**
   * Starts one worker now, so the first SVG does not pay jsdom's start-up (seconds); the others start when
   * files wait (pump). Each worker holds ~130 MB resident (a thread, tsx's module hooks, a jsdom window;
   * measured), so a service that never sees an SVG burst does not carry the whole pool.
   */
  warmFirst(): void {
    if (!this.closed && this.slots.size === 0 && this.options.workers > 0) this.spawn();
  }

  /** Starts every worker now (tests, and a queue of waiting files). */
  warm(): void {
    while (!this.closed && this.slots.size < this.options.workers) this.spawn();
  }

  /** Resolves once every worker is warm (tests wait on this before they count on deadlines). */
  async ready(): Promise<void> {
    this.warm();
    await Promise.all([...this.slots].map((s) => s.warmed));
  }

  /** Resolves once the workers started so far (at least the first) are warm. */
  async firstReady(): Promise<void> {
    this.warmFirst();
    await Promise.all([...this.slots].map((s) => s.warmed));
  }

  /** Sanitizes off the main thread; `{ok:false}` past the deadline; a 429 error when too many files wait. */
  sanitize(input: Buffer, timeoutMs = SVG_TIMEOUT_MS): Promise<SvgResult> {
    if (this.closed) return Promise.reject(unavailable());
    if (this.waiting.length >= this.options.queueMax) {
      this.counters.rejected++;
      const seconds = this.retryAfterSeconds();
      return Promise.reject(
        cfError(5453, `Too many SVG files are waiting to be processed; try again in ${seconds} s.`, {
          headers: { 'retry-after': String(seconds) },
        }),
      );
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({
        bytes: new Uint8Array(input),
        rank: rankOf(input.length, (this.options.now ?? Date.now)()),
        seq: this.seq++,
        large: isLarge(input.length),
        timeoutMs,
        startedAt: 0,
        resolve,
        reject,
      });
      this.pump();
    });
  }

  stats(): SvgPoolStats {
    const busy = [...this.slots].filter((s) => s.job).length;
    const warm = [...this.slots].filter((s) => s.ready).length;
    return { workers: this.slots.size, warm, busy, waiting: this.waiting.length, ...this.counters };
  }

  /** Stops every worker; files still waiting are refused with 503. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0)) job.reject(unavailable());
    await Promise.all([...this.slots].map((slot) => this.retire(slot)));
  }

  private retryAfterSeconds(): number {
    const ahead = this.waiting.length + this.stats().busy;
    const perWorker = (ahead * this.averageMs) / Math.max(1, this.options.workers);
    return Math.min(60, Math.max(1, Math.ceil(perWorker / 1000)));
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.job) continue;
      const busyWithLarge = [...this.slots].filter((s) => s.job?.large).length;
      const i = pickNext(this.waiting, largeMayStart(this.options.workers, busyWithLarge));
      if (i < 0) break;
      const [job] = this.waiting.splice(i, 1);
      if (job) this.start(slot, job);
    }
    if (this.waiting.length > 0) this.warm();
    else this.retireIdleLater();
  }

  /** Extra workers left idle after a burst stop after a while: the first stays warm. */
  private retireIdleLater(): void {
    if (this.slots.size <= 1) return;
    for (const slot of this.slots) {
      if (!slot.ready || slot.job || slot.idleTimer) continue;
      slot.idleTimer = setTimeout(() => {
        slot.idleTimer = null;
        if (!slot.job && this.slots.size > 1 && this.slots.has(slot)) void this.retire(slot);
      }, SVG_IDLE_RETIRE_MS);
      slot.idleTimer.unref();
    }
  }

  private start(slot: Slot, job: Job): void {
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    slot.job = job;
    job.startedAt = performance.now();
    slot.timer = setTimeout(() => {
      if (slot.job !== job) return;
      this.finish(slot, { ok: false, reason: TOO_COMPLEX });
      void this.retire(slot); // the files behind this one go to the other workers, or a fresh one
      this.warm();
      this.pump();
    }, job.timeoutMs);
    slot.worker.postMessage({ bytes: job.bytes });
  }

  private finish(slot: Slot, result: SvgResult): void {
    const job = slot.job;
    if (!job) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = null;
    slot.timer = null;
    this.counters.completed++;
    this.averageMs = 0.8 * this.averageMs + 0.2 * (performance.now() - job.startedAt);
    job.resolve(result.ok ? { ...result, svg: Buffer.from(result.svg) } : result);
  }

  private spawn(): void {
    // A plain-JS entry registers tsx inside the thread (Node 20 ignores --import for workers), then loads the TS.
    const worker = new Worker(new URL('./svg-worker-entry.mjs', import.meta.url));
    let warmed!: (ok: boolean) => void;
    const slot: Slot = {
      worker,
      ready: false,
      warmed: new Promise<boolean>((resolve) => (warmed = resolve)).then((ok) => {
        if (!ok) throw unavailable();
      }),
      job: null,
      timer: null,
      idleTimer: null,
    };
    slot.warmed.catch(() => undefined); // only `ready()` callers hear about a worker that never started
    this.slots.add(slot);
    worker.on('message', (msg: FromWorker) => {
      if ('ready' in msg) {
        slot.ready = true;
        this.counters.loaded++;
        warmed(true); // also for a retired worker: retire() waits for this before terminating it
      }
      if (!this.slots.has(slot)) return;
      if (!('ready' in msg)) this.finish(slot, msg.result);
      this.pump();
    });
    const lost = () => {
      warmed(false);
      if (!this.slots.delete(slot)) return; // retired on purpose
      if (slot.timer) clearTimeout(slot.timer);
      slot.job?.reject(unavailable());
      slot.job = null;
      if (slot.ready) this.warm();
      // A worker that died before it was ready will not do better on a retry: refuse what waits, don't loop.
      else if (![...this.slots].some((s) => s.ready))
        for (const job of this.waiting.splice(0)) job.reject(unavailable());
      this.pump();
    };
    worker.on('error', lost);
    worker.on('exit', lost);
    worker.unref(); // after the listeners: attaching a 'message' listener refs the port again
  }

  private async retire(slot: Slot): Promise<void> {
    this.slots.delete(slot);
    if (slot.timer) clearTimeout(slot.timer);
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.job?.reject(unavailable());
    slot.job = null;
    // Terminating a thread while it still loads its modules (tsx's hooks, jsdom) can take the whole
    // process down on Node 20 (nodejs/node#39036: a segfault, not an error): let it finish loading
    // first. The bound is for a thread that hangs while loading; it has never been reached here.
    if (!slot.ready) await settledWithin(slot.warmed, LOADING_BOUND_MS);
    await slot.worker.terminate();
  }
}

/**
 * Worker threads are a process resource, like sharp's thread pool: every service started in this process
 * (tests start several) shares one pool, sized by the latest to start. A service holds it from start to
 * close, so its workers are warm before the first upload; the last one to close stops them.
 */
let shared: SvgPool | null = null;
let holders = 0;

export function holdSvgPool(options: SvgPoolOptions): () => Promise<void> {
  holders++;
  shared ??= new SvgPool(options);
  shared.configure(options);
  shared.warmFirst();
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    holders--;
    if (holders > 0 || !shared) return;
    const pool = shared;
    shared = null;
    await pool.close();
  };
}

/**
 * Resolves once the shared pool's workers are warm, or after `maxWaitMs` (a worker that cannot start
 * must not keep the service from answering everything else; SVGs are then refused with 503).
 */
export async function svgPoolWarm(maxWaitMs: number): Promise<void> {
  if (!shared) return;
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, maxWaitMs);
    timer.unref();
  });
  await Promise.race([shared.firstReady().catch(() => undefined), waited]);
  clearTimeout(timer);
}

/** Sanitizes on the shared pool (started on demand when no service holds it, as in unit tests of ingest). */
export function sanitizeSvgOffThread(input: Buffer, timeoutMs = SVG_TIMEOUT_MS): Promise<SvgResult> {
  shared ??= new SvgPool({ workers: 1, queueMax: 16 });
  return shared.sanitize(input, timeoutMs);
}

/** The shared pool's figures, or null when none runs. */
export const svgPoolStats = (): SvgPoolStats | null => shared?.stats() ?? null;
