/**
 * Delivery counters: every image response (200 or 304) is one Cloudflare-billable delivery. Counted in
 * memory on the hot path and added to the `usage` table (per calendar month) every few seconds.
 */
import type { Db } from './db';

export type Metric = 'deliveries' | 'delivered_bytes' | 'not_modified' | 'denied';

export class UsageCounter {
  private pending = new Map<Metric, number>();
  private readonly totals = new Map<Metric, number>();
  private timer: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {
    this.timer = setInterval(() => this.flush(), 5000);
    this.timer.unref();
  }

  add(metric: Metric, amount = 1): void {
    this.pending.set(metric, (this.pending.get(metric) ?? 0) + amount);
    this.totals.set(metric, (this.totals.get(metric) ?? 0) + amount);
  }

  /** Counts since this process started (cheap; for health checks and tests). */
  sinceStart(): Record<Metric, number> {
    const get = (m: Metric) => this.totals.get(m) ?? 0;
    return {
      deliveries: get('deliveries'),
      delivered_bytes: get('delivered_bytes'),
      not_modified: get('not_modified'),
      denied: get('denied'),
    };
  }

  flush(): void {
    if (this.pending.size === 0) return;
    const month = new Date(this.now()).toISOString().slice(0, 7);
    const upsert = this.db.prepare(
      'INSERT INTO usage (month, metric, value) VALUES (?, ?, ?) ON CONFLICT(month, metric) DO UPDATE SET value = value + excluded.value',
    );
    const batch = this.pending;
    this.pending = new Map();
    this.db.transaction(() => {
      for (const [metric, value] of batch) upsert.run(month, metric, value);
    })();
  }

  month(month: string): Record<string, number> {
    const rows = this.db.prepare('SELECT metric, value FROM usage WHERE month = ?').all(month) as {
      metric: string;
      value: number;
    }[];
    return Object.fromEntries(rows.map((r) => [r.metric, r.value]));
  }

  stop(): void {
    clearInterval(this.timer);
    this.flush();
  }
}
