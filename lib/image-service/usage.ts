/**
 * Delivery counters: every image response (200 or 304) is one Cloudflare-billable delivery. The hot
 * path only bumps numbers in memory; every few seconds (and on close) they are added to SQLite: per
 * calendar month (`usage`), per UTC day (`usage_days`: deliveries, bytes, images stored) and per day,
 * image and variant (`usage_deliveries`). The daily tables are an extension outside the Cloudflare API
 * (read through `usage-report.ts`).
 */
import type { Db } from './db';

export type Metric = 'deliveries' | 'delivered_bytes' | 'not_modified' | 'denied';

export { FLEXIBLE_VARIANT } from '@/lib/cloudflare-images/usage-report';

const FLUSH_EVERY_MS = 5000;
/** The images-stored gauge costs a COUNT(*): taken at most this often. */
const STORED_EVERY_MS = 60_000;
/** Per-image rows older than this are dropped (the daily totals stay). */
const KEEP_DAYS = 400;
const DAY_MS = 86_400_000;

export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

interface DailyCount {
  day: string;
  imageId: string;
  variant: string;
  deliveries: number;
}

export class UsageCounter {
  private pending = new Map<Metric, number>();
  private readonly totals = new Map<Metric, number>();
  private daily = new Map<string, DailyCount>();
  private dayBytes = new Map<string, number>();
  private day = '';
  private dayEndsAt = 0;
  private storedAt = Number.NEGATIVE_INFINITY;
  private prunedDay = '';
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {
    this.timer = setInterval(() => this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  /** Today's UTC day, recomputed only when a day boundary passes (this runs on every delivery). */
  private today(): string {
    const now = this.now();
    if (now >= this.dayEndsAt || now < this.dayEndsAt - DAY_MS) {
      this.day = utcDay(now);
      this.dayEndsAt = Date.parse(`${this.day}T00:00:00Z`) + DAY_MS;
    }
    return this.day;
  }

  add(metric: Metric, amount = 1): void {
    this.pending.set(metric, (this.pending.get(metric) ?? 0) + amount);
    this.totals.set(metric, (this.totals.get(metric) ?? 0) + amount);
    if (metric === 'delivered_bytes') {
      const day = this.today();
      this.dayBytes.set(day, (this.dayBytes.get(day) ?? 0) + amount);
    }
  }

  /** One delivery of `imageId` through `variant` (a variant name, or FLEXIBLE_VARIANT). */
  delivery(imageId: string, variant: string): void {
    this.add('deliveries');
    const day = this.today();
    const key = `${day}\n${variant}\n${imageId}`;
    const slot = this.daily.get(key);
    if (slot) slot.deliveries++;
    else this.daily.set(key, { day, imageId, variant, deliveries: 1 });
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

  /** Adds what was counted since the last flush to SQLite, in one transaction. */
  flush(): void {
    const now = this.now();
    const takeStored = now - this.storedAt >= STORED_EVERY_MS;
    if (this.pending.size === 0 && this.daily.size === 0 && !takeStored) return;
    const month = utcDay(now).slice(0, 7);
    const metrics = this.pending;
    const daily = this.daily;
    const dayBytes = this.dayBytes;
    this.pending = new Map();
    this.daily = new Map();
    this.dayBytes = new Map();
    const db = this.db;
    const upsertMonth = db.prepare(
      'INSERT INTO usage (month, metric, value) VALUES (?, ?, ?) ON CONFLICT(month, metric) DO UPDATE SET value = value + excluded.value',
    );
    const upsertImage = db.prepare(
      'INSERT INTO usage_deliveries (day, image_id, variant, deliveries) VALUES (?, ?, ?, ?) ON CONFLICT(day, image_id, variant) DO UPDATE SET deliveries = deliveries + excluded.deliveries',
    );
    const upsertDay = db.prepare(
      'INSERT INTO usage_days (day, deliveries, bytes) VALUES (?, ?, ?) ON CONFLICT(day) DO UPDATE SET deliveries = deliveries + excluded.deliveries, bytes = bytes + excluded.bytes',
    );
    const dayTotals = new Map<string, number>();
    for (const c of daily.values()) dayTotals.set(c.day, (dayTotals.get(c.day) ?? 0) + c.deliveries);
    for (const day of dayBytes.keys()) if (!dayTotals.has(day)) dayTotals.set(day, 0);
    db.transaction(() => {
      for (const [metric, value] of metrics) upsertMonth.run(month, metric, value);
      for (const c of daily.values()) upsertImage.run(c.day, c.imageId, c.variant, c.deliveries);
      for (const [day, deliveries] of dayTotals) upsertDay.run(day, deliveries, dayBytes.get(day) ?? 0);
      if (takeStored) this.recordStored(utcDay(now));
    })();
    if (takeStored) this.storedAt = now;
    this.prune(now);
  }

  /** The images-stored gauge of `day` (its last reading wins). */
  private recordStored(day: string): void {
    const { n } = this.db.prepare('SELECT COUNT(*) AS n FROM images WHERE draft = 0').get() as { n: number };
    this.db
      .prepare(
        'INSERT INTO usage_days (day, stored) VALUES (?, ?) ON CONFLICT(day) DO UPDATE SET stored = excluded.stored',
      )
      .run(day, n);
  }

  /** Once a day: per-image rows past the retention go (they are the only part that grows with traffic). */
  private prune(now: number): void {
    const day = utcDay(now);
    if (day === this.prunedDay) return;
    this.prunedDay = day;
    this.db.prepare('DELETE FROM usage_deliveries WHERE day < ?').run(utcDay(now - KEEP_DAYS * DAY_MS));
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
