import { DrainRate } from './drain-rate';

/**
 * Bounded transform work: at most `concurrency` jobs run; identical jobs in flight are merged; a full
 * foreground queue refuses new work (the caller answers 429) instead of piling up memory.
 * Background jobs (eager variants after upload) only run when no foreground job waits. The 429's
 * Retry-After comes from the measured drain rate (drain-rate.ts), not a fixed guess per job.
 */

export class QueueFullError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('The transform queue is full');
  }
}

export type Priority = 'foreground' | 'background';

interface Job {
  key: string;
  run: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

export interface QueueStats {
  running: number;
  foreground: number;
  background: number;
  merged: number;
  rejected: number;
  completed: number;
}

export class TransformQueue {
  private running = 0;
  private readonly foreground: Job[] = [];
  private readonly background: Job[] = [];
  private readonly inflight = new Map<string, { promise: Promise<unknown>; job: Job | null }>();
  private readonly counters = { merged: 0, rejected: 0, completed: 0 };
  private idleWaiters: (() => void)[] = [];
  private readonly drain: DrainRate;

  constructor(
    private readonly concurrency: number,
    private readonly maxForeground: number,
    private readonly maxBackground = 10_000,
    now: () => number = performance.now.bind(performance),
  ) {
    this.drain = new DrainRate(now);
  }

  /** Runs `fn` under the cap; a second call with the same key while the first is pending shares its result. */
  run<T>(key: string, fn: () => Promise<T>, priority: Priority = 'foreground'): Promise<T> {
    const existing = this.inflight.get(key);
    if (existing) {
      this.counters.merged++;
      // A viewer waiting on a job queued in the background moves it to the front.
      if (priority === 'foreground' && existing.job && this.moveToForeground(existing.job)) this.pump();
      return existing.promise as Promise<T>;
    }
    const list = priority === 'foreground' ? this.foreground : this.background;
    const cap = priority === 'foreground' ? this.maxForeground : this.maxBackground;
    if (this.running >= this.concurrency && list.length >= cap) {
      this.counters.rejected++;
      // Everything ahead of a new foreground job: the running ones and the waiting foreground list.
      const ahead = this.running + this.foreground.length;
      return Promise.reject(new QueueFullError(this.drain.retryAfterSeconds(ahead, this.concurrency)));
    }
    let job!: Job;
    const promise = new Promise<unknown>((resolve, reject) => {
      job = { key, run: fn, resolve, reject };
    });
    const entry = { promise, job: job as Job | null };
    this.inflight.set(key, entry);
    list.push(job);
    this.pump();
    return promise as Promise<T>;
  }

  private moveToForeground(job: Job): boolean {
    const i = this.background.indexOf(job);
    if (i < 0) return false;
    this.background.splice(i, 1);
    this.foreground.push(job);
    return true;
  }

  private pump(): void {
    while (this.running < this.concurrency) {
      const job = this.foreground.shift() ?? this.background.shift();
      if (!job) break;
      const entry = this.inflight.get(job.key);
      if (entry) entry.job = null;
      this.running++;
      const finished = this.drain.start();
      job
        .run()
        .then(job.resolve, job.reject)
        .finally(() => {
          finished();
          this.running--;
          this.counters.completed++;
          this.inflight.delete(job.key);
          this.pump();
          this.notifyIdle();
        });
    }
  }

  /** Resolves when nothing runs or waits (used on shutdown and by tests). */
  idle(): Promise<void> {
    if (this.running === 0 && this.foreground.length === 0 && this.background.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Drops queued background work (shutdown); running jobs finish. */
  dropBackground(): void {
    for (const job of this.background.splice(0)) {
      this.inflight.delete(job.key);
      job.reject(new Error('Image service is shutting down'));
    }
    this.notifyIdle();
  }

  private notifyIdle(): void {
    if (this.running === 0 && this.foreground.length === 0 && this.background.length === 0) {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  stats(): QueueStats {
    return {
      running: this.running,
      foreground: this.foreground.length,
      background: this.background.length,
      ...this.counters,
    };
  }
}
