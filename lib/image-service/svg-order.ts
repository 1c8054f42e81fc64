/**
 * Which waiting SVG a free worker takes next. Sanitizing costs roughly in proportion to the file's size
 * (jsdom builds every element), so the smallest file goes first; a file's rank is its arrival time plus a
 * head start given to smaller ones, so a big file still gets its turn once it has waited long enough
 * (aging) instead of being passed by every small file forever.
 */

/** Files up to this size are drawn in milliseconds; they have a worker of their own (see `largeMayStart`). */
export const SMALL_SVG_BYTES = 64 * 1024;
/**
 * Bytes worth one millisecond of waiting, near what jsdom gets through (bench/results/ingest.md): a 1 MB file
 * lets smaller ones that arrive up to ~10 s after it go first, and no later.
 */
const BYTES_PER_MS = 100;

export interface Ranked {
  /** Arrival time (ms) plus the file's size in milliseconds of work: lowest goes first. */
  rank: number;
  /** Arrival order, to break ties. */
  seq: number;
  large: boolean;
}

export function rankOf(sizeBytes: number, arrivedAt: number): number {
  return arrivedAt + sizeBytes / BYTES_PER_MS;
}

export const isLarge = (sizeBytes: number) => sizeBytes > SMALL_SVG_BYTES;

/**
 * With more than one worker, large files may hold all but one, so a small file never waits behind heavy
 * drawings; with one worker there is no lane to keep, and ordering alone keeps small files moving.
 */
export function largeMayStart(workers: number, busyWithLarge: number): boolean {
  return workers <= 1 || busyWithLarge < workers - 1;
}

/** Index in `waiting` of the job to start next, or -1 when none may start. */
export function pickNext(waiting: readonly Ranked[], allowLarge: boolean): number {
  let best = -1;
  for (let i = 0; i < waiting.length; i++) {
    const job = waiting[i];
    if (!job || (job.large && !allowLarge)) continue;
    const current = best >= 0 ? waiting[best] : undefined;
    if (!current || job.rank < current.rank || (job.rank === current.rank && job.seq < current.seq)) best = i;
  }
  return best;
}
