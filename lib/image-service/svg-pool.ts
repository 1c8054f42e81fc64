/**
 * Runs the SVG sanitizer on one worker thread, one file at a time from a queue, each with its own
 * deadline counted from when the worker starts on it. A hostile or huge drawing costs seconds of DOM
 * work (see bench/results/ingest.md): it never stalls delivery, and one that runs past its deadline
 * is refused and its worker replaced while the files behind it go on to a fresh worker.
 */
import { Worker } from 'node:worker_threads';
import { cfError } from '@/lib/cloudflare-images/errors';
import type { SvgResult } from './svg';

const TIMEOUT_MS = 15_000;

interface Job {
  bytes: Uint8Array;
  timeoutMs: number;
  resolve: (r: SvgResult) => void;
  reject: (e: Error) => void;
}

const queue: Job[] = [];
let worker: Worker | null = null;
let current: { job: Job; timer: NodeJS.Timeout } | null = null;

const unavailable = () => cfError(5503);

function startWorker(): Worker {
  // A plain-JS entry registers tsx inside the thread (Node 20 ignores --import for workers), then loads the TS.
  const w = new Worker(new URL('./svg-worker-entry.mjs', import.meta.url));
  w.on('message', (msg: { result: SvgResult }) => {
    if (!current || worker !== w) return;
    clearTimeout(current.timer);
    const { job } = current;
    current = null;
    job.resolve(msg.result.ok ? { ...msg.result, svg: Buffer.from(msg.result.svg) } : msg.result);
    next();
  });
  const lost = () => {
    if (worker !== w) return; // replaced on purpose after a timeout
    worker = null;
    if (current) {
      clearTimeout(current.timer);
      current.job.reject(unavailable());
      current = null;
    }
    next();
  };
  w.on('error', lost);
  w.on('exit', lost);
  w.unref(); // after the listeners: attaching a 'message' listener refs the port again
  return w;
}

function next(): void {
  if (current) return;
  const job = queue.shift();
  if (!job) return;
  worker ??= startWorker();
  const w = worker;
  const timer = setTimeout(() => {
    if (current?.job !== job) return;
    current = null;
    job.resolve({ ok: false, reason: 'The SVG is too complex to process; simplify it or export it as PNG.' });
    worker = null; // the files behind this one get a fresh worker
    void w.terminate();
    next();
  }, job.timeoutMs);
  current = { job, timer };
  w.postMessage({ bytes: job.bytes });
}

/** Sanitizes off the main thread; `{ok:false}` when the drawing takes longer than the deadline. */
export function sanitizeSvgOffThread(input: Buffer, timeoutMs = TIMEOUT_MS): Promise<SvgResult> {
  return new Promise((resolve, reject) => {
    queue.push({ bytes: new Uint8Array(input), timeoutMs, resolve, reject });
    next();
  });
}
