import { DrainRate } from './drain-rate';

/**
 * Bounded transform work: at most `concurrency` jobs run, and only while the sum of their estimated
 * working memory (work-estimate.ts) stays within `memoryBudget`; a job larger than the whole budget runs
 * alone. Jobs start in order: one that does not fit yet waits at the head, and the smaller ones behind it
 * wait too, so a heavy render is never starved. Identical jobs in flight are merged; a full foreground
 * queue refuses new work (the caller answers 429) instead of piling up memory. Background jobs (eager
 * variants after upload) only run when no foreground job waits. The 429's Retry-After comes from the
 * measured drain rate (drain-rate.ts) and how many of the waiting jobs fit in the budget at once.
 */

export class QueueFullError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('The transform queue is full');
  }
}

export type Priority = 'foreground' | 'background';

interface Job {
  key: string;
  /** Estimated working memory in bytes. */
  cost: number;
  run: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

export interface QueueStats {
  running: number;
  /** Estimated working memory of the running jobs, bytes. */
  memory: number;
  foreground: number;
  background: number;
  merged: number;
  rejected: number;
  completed: number;
}

export class TransformQueue {
  private running = 0;
  private memoryInUse = 0;
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
    /** Bytes of estimated working memory the running jobs may hold together. */
    private readonly memoryBudget = Number.POSITIVE_INFINITY,
  ) {
    this.drain = new DrainRate(now);
  }

  /**
   * Runs `fn` under the caps; a second call with the same key while the first is pending shares its
   * result. `cost`: the job's estimated working memory in bytes.
   */
  run<T>(key: string, fn: () => Promise<T>, priority: Priority = 'foreground', cost = 0): Promise<T> {
    const existing = this.inflight.get(key);
    if (existing) {
      this.counters.merged++;
      // A viewer waiting on a job queued in the background moves it to the front.
      if (priority === 'foreground' && existing.job && this.moveToForeground(existing.job)) this.pump();
      return existing.promise as Promise<T>;
    }
    const list = priority === 'foreground' ? this.foreground : this.background;
    const cap = priority === 'foreground' ? this.maxForeground : this.maxBackground;
    if (list.length >= cap && !(list.length === 0 && this.fits(cost))) {
      this.counters.rejected++;
      // Everything ahead of a new foreground job: the running ones and the waiting foreground list.
      const ahead = this.running + this.foreground.length;
      return Promise.reject(new QueueFullError(this.drain.retryAfterSeconds(ahead, this.parallelism(cost))));
    }
    let job!: Job;
    const promise = new Promise<unknown>((resolve, reject) => {
      job = { key, cost, run: fn, resolve, reject };
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

  /** Whether a job of `cost` may start now: a free worker, and room in the budget (or nothing running). */
  private fits(cost: number): boolean {
    return this.running < this.concurrency && (this.running === 0 || this.memoryInUse + cost <= this.memoryBudget);
  }

  /**
   * How many jobs drain at once, for Retry-After: the workers, or fewer when the jobs ahead (and this one)
   * are so large that only that many fit in the memory budget together.
   */
  private parallelism(cost: number): number {
    let total = cost;
    let count = 1;
    for (const job of this.foreground) {
      total += job.cost;
      count++;
    }
    const average = (total + this.memoryInUse) / (count + this.running);
    if (average <= 0) return this.concurrency;
    return Math.max(1, Math.min(this.concurrency, Math.floor(this.memoryBudget / average)));
  }

  private pump(): void {
    for (;;) {
      const list = this.foreground.length > 0 ? this.foreground : this.background;
      const next = list[0];
      if (!next || !this.fits(next.cost)) break;
      const job = list.shift() as Job;
      const entry = this.inflight.get(job.key);
      if (entry) entry.job = null;
      this.running++;
      this.memoryInUse += job.cost;
      const finished = this.drain.start();
      job
        .run()
        .then(job.resolve, job.reject)
        .finally(() => {
          finished();
          this.running--;
          this.memoryInUse -= job.cost;
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
      memory: this.memoryInUse,
      foreground: this.foreground.length,
      background: this.background.length,
      ...this.counters,
    };
  }
}
