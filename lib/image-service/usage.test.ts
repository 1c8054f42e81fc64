/** The delivery counters: counted in memory, added to SQLite on flush, aggregated per day, variant and image. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDb } from './db';
import { FLEXIBLE_VARIANT, UsageCounter } from './usage';
import { usageReport } from './usage-report';

let dir: string;
let db: Db;
let clock: number;
let usage: UsageCounter;
const now = () => clock;
const report = (q = '') => usageReport({ db, usage, now }, new URLSearchParams(q));

function storeImage(id: string): void {
  db.prepare('INSERT INTO images (id, uploaded, draft) VALUES (?, ?, 0)').run(id, clock);
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pixvault-usage-'));
  db = openDb(path.join(dir, 'service.db'));
  clock = Date.UTC(2026, 2, 10, 23, 59, 0);
  usage = new UsageCounter(db, now);
});

afterEach(() => {
  usage.stop();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const rows = (sql: string) => db.prepare(sql).all();

describe('usage counters', () => {
  it('keep deliveries in memory until a flush, then add them to the day, variant and image', () => {
    usage.delivery('a', 'thumbnail');
    usage.delivery('a', 'thumbnail');
    usage.delivery('b', FLEXIBLE_VARIANT);
    usage.add('delivered_bytes', 300);
    expect(rows('SELECT * FROM usage_deliveries')).toEqual([]);

    usage.flush();
    expect(rows('SELECT day, image_id, variant, deliveries FROM usage_deliveries ORDER BY image_id')).toEqual([
      { day: '2026-03-10', image_id: 'a', variant: 'thumbnail', deliveries: 2 },
      { day: '2026-03-10', image_id: 'b', variant: FLEXIBLE_VARIANT, deliveries: 1 },
    ]);
    expect(rows('SELECT day, deliveries, bytes FROM usage_days')).toEqual([
      { day: '2026-03-10', deliveries: 3, bytes: 300 },
    ]);
    expect(usage.month('2026-03')).toEqual({ deliveries: 3, delivered_bytes: 300 });

    // A second flush adds to the same rows instead of replacing them.
    usage.delivery('a', 'thumbnail');
    usage.flush();
    expect(rows("SELECT deliveries FROM usage_deliveries WHERE image_id = 'a'")).toEqual([{ deliveries: 3 }]);
    expect(rows('SELECT deliveries FROM usage_days')).toEqual([{ deliveries: 4 }]);
  });

  it('split at midnight UTC', () => {
    usage.delivery('a', 'mobile');
    clock += 2 * 60_000; // 00:01 the next day
    usage.delivery('a', 'mobile');
    usage.flush();
    expect(rows('SELECT day, deliveries FROM usage_days ORDER BY day')).toEqual([
      { day: '2026-03-10', deliveries: 1 },
      { day: '2026-03-11', deliveries: 1 },
    ]);
  });

  it('are written when the counter stops, so a clean shutdown loses nothing', () => {
    usage.delivery('a', 'desktop');
    usage.stop();
    expect(rows('SELECT deliveries FROM usage_days')).toEqual([{ deliveries: 1 }]);
  });

  it('take a reading of the images stored, at most once a minute', () => {
    storeImage('a');
    usage.flush();
    storeImage('b');
    usage.flush();
    expect(rows('SELECT stored FROM usage_days')).toEqual([{ stored: 1 }]);
    clock += 60_000;
    usage.flush();
    expect(rows('SELECT day, stored FROM usage_days ORDER BY day')).toEqual([
      { day: '2026-03-10', stored: 1 },
      { day: '2026-03-11', stored: 2 },
    ]);
  });
});

describe('usage report', () => {
  it('fills every day of the range, sums per variant, ranks images and answers for the ones asked', () => {
    storeImage('a');
    usage.delivery('a', 'thumbnail');
    clock += 60 * 60_000; // the next day
    usage.delivery('a', 'thumbnail');
    usage.delivery('a', 'desktop');
    usage.delivery('b', 'desktop');
    usage.add('delivered_bytes', 50);

    const r = report('days=3&top=1&image=b&image=zzz');
    expect(r.from).toBe('2026-03-09');
    expect(r.to).toBe('2026-03-11');
    expect(r.days.map((d) => [d.day, d.deliveries])).toEqual([
      ['2026-03-09', 0],
      ['2026-03-10', 1],
      ['2026-03-11', 3],
    ]);
    expect(r.days[2]?.bytes).toBe(50);
    expect(r.variants).toEqual([
      { day: '2026-03-10', variant: 'thumbnail', deliveries: 1 },
      { day: '2026-03-11', variant: 'desktop', deliveries: 2 },
      { day: '2026-03-11', variant: 'thumbnail', deliveries: 1 },
    ]);
    expect(r.top).toEqual([{ id: 'a', deliveries: 3 }]);
    expect(r.images).toEqual({ b: 1, zzz: 0 });
    expect(report('days=3&every_image=1').images).toEqual({ a: 3, b: 1 });
    expect(r.month).toEqual({ month: '2026-03', deliveries: 4, bytes: 50 });
    expect(r.stored).toBe(1);
    expect(r.countingSince).toBe('2026-03-10');
  });

  it('leaves days out of range out', () => {
    usage.delivery('a', 'thumbnail');
    usage.flush();
    clock += 5 * 86_400_000;
    expect(report('days=2').days.every((d) => d.deliveries === 0)).toBe(true);
    expect(report('days=2').top).toEqual([]);
  });

  it('refuses a bad query with a 400 that names it', () => {
    expect(() => report('days=0')).toThrow(/days/);
    expect(() => report('top=1000')).toThrow(/top/);
  });
});
