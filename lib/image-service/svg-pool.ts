/**
 * Runs the SVG sanitizer on one worker thread, one file at a time, with a deadline: a hostile or
 * huge drawing costs seconds of DOM work (see bench/results/ingest.md), which here never stalls
 * delivery, and a drawing that takes too long is refused and its worker replaced.
 */
import { Worker } from 'node:worker_threads';
import type { SvgResult } from './svg';

const TIMEOUT_MS = 15_000;

interface Pending {
  resolve: (r: SvgResult) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function failAll(err: Error): void {
  for (const [id, p] of pending) {
    clearTimeout(p.timer);
    p.reject(err);
    pending.delete(id);
  }
}

function getWorker(): Worker {
  if (worker) return worker;
  // A plain-JS entry registers tsx inside the thread (Node 20 ignores --import for workers), then loads the TS.
  const w = new Worker(new URL('./svg-worker-entry.mjs', import.meta.url));
  w.on('message', (msg: { id: number; result: SvgResult }) => {
    const p = pending.get(msg.id);
    if (!p) return;
    clearTimeout(p.timer);
    pending.delete(msg.id);
    p.resolve(msg.result.ok ? { ...msg.result, svg: Buffer.from(msg.result.svg) } : msg.result);
  });
  w.on('error', (err) => {
    worker = null;
    failAll(err);
  });
  w.on('exit', () => {
    if (worker === w) worker = null;
    failAll(new Error('SVG worker stopped'));
  });
  w.unref(); // after the listeners: attaching a 'message' listener refs the port again
  worker = w;
  return w;
}

/** Sanitizes off the main thread; resolves `{ok:false}` when the drawing takes longer than the deadline. */
export function sanitizeSvgOffThread(input: Buffer, timeoutMs = TIMEOUT_MS): Promise<SvgResult> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    const w = getWorker();
    const timer = setTimeout(() => {
      pending.delete(id);
      resolve({ ok: false, reason: 'The SVG is too complex to process; simplify it or export it as PNG.' });
      // The worker is stuck on this file: replace it (others waiting on it fail and may retry).
      void w.terminate();
    }, timeoutMs);
    pending.set(id, { resolve, reject, timer });
    w.postMessage({ id, bytes: new Uint8Array(input) });
  });
}
