/**
 * How fast a queue really drains, for an honest Retry-After: an exponentially weighted moving average
 * of how long one job holds a worker, measured on the service's clock. A queue of `waiting` jobs with
 * `workers` busy empties in about `waiting × average ÷ workers`; a fixed guess instead answered
 * "Retry-After: 32" for a queue that drained in ~7 s.
 */

/** The weight of the newest sample: about the last ten jobs count. */
const ALPHA = 0.2;

export class DrainRate {
  private averageMs: number;

  /** `initialMs`: the guess before the first job finished (deliberately on the slow side). */
  constructor(
    private readonly now: () => number,
    initialMs = 1000,
  ) {
    this.averageMs = initialMs;
  }

  /** Marks a job's start; call the returned function when it finishes (success or failure alike). */
  start(): () => void {
    const startedAt = this.now();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.averageMs = (1 - ALPHA) * this.averageMs + ALPHA * Math.max(0, this.now() - startedAt);
    };
  }

  /** Measured completions per second with `workers` busy. */
  perSecond(workers: number): number {
    return (Math.max(1, workers) * 1000) / Math.max(1, this.averageMs);
  }

  /** Whole seconds until `ahead` jobs have drained through `workers`, between 1 and `maxSeconds`. */
  retryAfterSeconds(ahead: number, workers: number, maxSeconds = 60): number {
    return Math.min(maxSeconds, Math.max(1, Math.ceil(ahead / this.perSecond(workers))));
  }
}
