/**
 * Cloudflare Images pricing, in one place: $5 per 100,000 images stored per month (prepaid in blocks of
 * 100,000, so a started block is a whole block) and $1 per 100,000 images delivered (billed per started
 * 100,000). Pure functions: the usage page and the what-if calculator (in the browser) share them.
 */

export const PRICING = {
  storedBlock: 100_000,
  storedBlockUsd: 5,
  deliveredBlock: 100_000,
  deliveredBlockUsd: 1,
} as const;

/** Whole blocks of `size` needed to cover `count` (a started block counts as a whole one). */
export function blocksOf(count: number, size: number): number {
  if (!Number.isFinite(count) || count <= 0) return 0;
  return Math.ceil(count / size);
}

export interface BillLine {
  count: number;
  blocks: number;
  blockSize: number;
  blockUsd: number;
  usd: number;
}

export interface Bill {
  stored: BillLine;
  delivered: BillLine;
  totalUsd: number;
}

function line(count: number, blockSize: number, blockUsd: number): BillLine {
  const blocks = blocksOf(count, blockSize);
  return { count: Math.max(0, Math.round(count)), blocks, blockSize, blockUsd, usd: blocks * blockUsd };
}

/** One month's bill for `stored` images and `delivered` deliveries. */
export function monthlyBill(stored: number, delivered: number): Bill {
  const s = line(stored, PRICING.storedBlock, PRICING.storedBlockUsd);
  const d = line(delivered, PRICING.deliveredBlock, PRICING.deliveredBlockUsd);
  return { stored: s, delivered: d, totalUsd: s.usd + d.usd };
}

/** "250,001 → 3 blocks of 100,000 × $1 = $3": the arithmetic of one line, as the pages show it. */
export function lineArithmetic(l: BillLine): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return `${n(l.count)} → ${l.blocks} block${l.blocks === 1 ? '' : 's'} of ${n(l.blockSize)} × $${l.blockUsd} = $${l.usd}`;
}

export interface MonthProjection {
  /** Deliveries counted since the start of the month. */
  soFar: number;
  /** Days of the month that have begun (today included). */
  daysElapsed: number;
  daysInMonth: number;
  /** soFar scaled to the whole month at the same daily rate. */
  projected: number;
}

/** This month's deliveries at the current daily rate (UTC months, as the counters are UTC days). */
export function projectMonth(soFar: number, nowMs: number): MonthProjection {
  const now = new Date(nowMs);
  const daysInMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).getUTCDate();
  const daysElapsed = now.getUTCDate();
  return { soFar, daysElapsed, daysInMonth, projected: Math.round((soFar / daysElapsed) * daysInMonth) };
}

export interface WhatIfInput {
  uploaders: number;
  imagesPerUploader: number;
  viewers: number;
  imagesViewedPerDay: number;
  days: number;
  /** How many more times a viewer sees the same image within one signing bucket (0: never). */
  repeatViewsPerBucket: number;
}

export interface WhatIfResult {
  stored: number;
  deliveries: number;
  bill: Bill;
  /** Views served by the browser cache thanks to the signing bucket (not billed). */
  cachedViews: number;
  /** What those views would cost if every one were a delivery (a fresh signature per page load). */
  withoutBucket: Bill;
  savedUsd: number;
}

const nonNegative = (n: number) => (Number.isFinite(n) && n > 0 ? n : 0);

/**
 * The what-if calculator. Stored = uploaders × images each; deliveries = viewers × images viewed a day
 * × days (each first view of an image in a bucket is billed). Repeat views within a bucket reuse the
 * same signed URL, so the browser cache answers them; without buckets every one would be billed.
 */
export function whatIf(input: WhatIfInput): WhatIfResult {
  const stored = nonNegative(input.uploaders) * nonNegative(input.imagesPerUploader);
  const deliveries = nonNegative(input.viewers) * nonNegative(input.imagesViewedPerDay) * nonNegative(input.days);
  const cachedViews = deliveries * nonNegative(input.repeatViewsPerBucket);
  const bill = monthlyBill(stored, deliveries);
  const withoutBucket = monthlyBill(stored, deliveries + cachedViews);
  return { stored, deliveries, bill, cachedViews, withoutBucket, savedUsd: withoutBucket.totalUsd - bill.totalUsd };
}
