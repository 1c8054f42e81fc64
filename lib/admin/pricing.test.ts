import { describe, expect, it } from 'vitest';
import { blocksOf, lineArithmetic, monthlyBill, projectMonth, whatIf } from './pricing';

describe('block rounding', () => {
  it('counts a started block as a whole one, and nothing as no block', () => {
    expect(blocksOf(0, 100_000)).toBe(0);
    expect(blocksOf(1, 100_000)).toBe(1);
    expect(blocksOf(100_000, 100_000)).toBe(1);
    expect(blocksOf(100_001, 100_000)).toBe(2);
    expect(blocksOf(-5, 100_000)).toBe(0);
    expect(blocksOf(Number.NaN, 100_000)).toBe(0);
  });
});

describe('monthly bill', () => {
  it('charges $5 per started 100,000 stored and $1 per started 100,000 delivered', () => {
    const bill = monthlyBill(150_000, 250_001);
    expect(bill.stored).toMatchObject({ blocks: 2, usd: 10 });
    expect(bill.delivered).toMatchObject({ blocks: 3, usd: 3 });
    expect(bill.totalUsd).toBe(13);
    expect(lineArithmetic(bill.delivered)).toBe('250,001 → 3 blocks of 100,000 × $1 = $3');
    expect(lineArithmetic(monthlyBill(1, 0).stored)).toBe('1 → 1 block of 100,000 × $5 = $5');
  });

  it('is $0 for an empty account', () => {
    expect(monthlyBill(0, 0).totalUsd).toBe(0);
  });
});

describe('what-if calculator', () => {
  it('100 uploaders × 500 and 2,000 viewers × 50 a day × 30 days: 50,000 stored ($5), 3,000,000 deliveries ($30)', () => {
    const r = whatIf({
      uploaders: 100,
      imagesPerUploader: 500,
      viewers: 2000,
      imagesViewedPerDay: 50,
      days: 30,
      repeatViewsPerBucket: 0,
    });
    expect(r.stored).toBe(50_000);
    expect(r.bill.stored.usd).toBe(5);
    expect(r.deliveries).toBe(3_000_000);
    expect(r.bill.delivered.usd).toBe(30);
    expect(r.bill.totalUsd).toBe(35);
    expect(r.savedUsd).toBe(0);
  });

  it('prices repeat views within a bucket as saved, since the browser cache answers them', () => {
    const r = whatIf({
      uploaders: 1,
      imagesPerUploader: 1,
      viewers: 2000,
      imagesViewedPerDay: 50,
      days: 30,
      repeatViewsPerBucket: 1,
    });
    expect(r.cachedViews).toBe(3_000_000);
    expect(r.withoutBucket.delivered.usd).toBe(60);
    expect(r.savedUsd).toBe(30);
  });

  it('treats blank or negative inputs as zero', () => {
    const r = whatIf({
      uploaders: Number.NaN,
      imagesPerUploader: 10,
      viewers: -3,
      imagesViewedPerDay: 5,
      days: 30,
      repeatViewsPerBucket: 0,
    });
    expect(r).toMatchObject({ stored: 0, deliveries: 0 });
    expect(r.bill.totalUsd).toBe(0);
  });
});

describe('month projection', () => {
  it('scales the deliveries so far to the whole (UTC) month', () => {
    const p = projectMonth(1000, Date.UTC(2026, 1, 10, 12)); // 10 February 2026: 28 days
    expect(p).toEqual({ soFar: 1000, daysElapsed: 10, daysInMonth: 28, projected: 2800 });
  });
});
