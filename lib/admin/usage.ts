import 'server-only';
/**
 * What the usage page shows, from whichever backend is configured: images stored (now, over time),
 * deliveries per day (total, per variant), bytes, the top images, and this month's estimated bill.
 * Embedded: all of it from the service's counters. Cloudflare: stored from `v1/stats`, history from the
 * app's own records, deliveries per day from the Analytics API when the token allows (no per-variant,
 * per-image or byte figures there).
 */
import type { Actor } from '@/lib/auth/roles';
import { readyImagesByDay, recordsByServiceIds } from '@/lib/db/image-history';
import { appEnv } from '@/lib/env';
import { imagesClient } from '@/lib/images/client';
import { cloudflareDeliveries } from './cloudflare-analytics';
import { assertAdmin } from './guard';
import { type Bill, type MonthProjection, monthlyBill, projectMonth } from './pricing';
import { withServiceRefusals } from './service-refusal';
import { embeddedUsageReport } from './usage-source';

export const USAGE_DAYS = 30;
const DAY_MS = 86_400_000;
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export interface TopImage {
  serviceId: string;
  /** The app's record, when the app knows the image. */
  recordId: string | null;
  title: string;
  deliveries: number;
}

export type Deliveries =
  | {
      available: true;
      source: 'service' | 'cloudflare';
      days: { day: string; deliveries: number; bytes: number | null }[];
      /** Per day and variant; null where the backend does not tell. */
      variants: { day: string; variant: string; deliveries: number }[] | null;
      top: TopImage[] | null;
      monthSoFar: number;
      countingSince: string | null;
    }
  | { available: false; reason: string };

export interface UsageOverview {
  backend: 'embedded' | 'cloudflare';
  now: string;
  stored: { now: number; allowed: number | null };
  storedHistory: { source: 'service' | 'records'; points: { day: string; stored: number | null }[] };
  deliveries: Deliveries;
  estimate: { projection: MonthProjection | null; bill: Bill };
  signing: { ttlSeconds: number; bucketSeconds: number };
}

async function topImages(top: { id: string; deliveries: number }[]): Promise<TopImage[]> {
  const records = new Map((await recordsByServiceIds(top.map((t) => t.id))).map((r) => [r.service_id, r]));
  return top.map((t) => {
    const r = records.get(t.id);
    return {
      serviceId: t.id,
      recordId: r?.id ?? null,
      title: r?.title ?? '(not an image of this app)',
      deliveries: t.deliveries,
    };
  });
}

async function embedded(nowMs: number): Promise<Omit<UsageOverview, 'estimate' | 'signing' | 'now' | 'backend'>> {
  const report = await withServiceRefusals(() => embeddedUsageReport({ days: USAGE_DAYS, top: 20 }));
  if (!report) throw new Error('The embedded usage report is only read on the embedded backend.');
  const stats = await withServiceRefusals(() => imagesClient().stats());
  return {
    stored: { now: report.stored, allowed: stats.allowed },
    storedHistory: {
      source: 'service',
      points: report.days.map((d) => ({ day: d.day, stored: d.day === utcDay(nowMs) ? report.stored : d.stored })),
    },
    deliveries: {
      available: true,
      source: 'service',
      days: report.days.map((d) => ({ day: d.day, deliveries: d.deliveries, bytes: d.bytes })),
      variants: report.variants,
      top: await topImages(report.top),
      monthSoFar: report.month.deliveries,
      countingSince: report.countingSince,
    },
  };
}

/** The app's finished images per day: a lower bound where the backend keeps no history (deleted ones are gone). */
async function recordHistory(nowMs: number): Promise<{ day: string; stored: number | null }[]> {
  const firstDay = Math.floor(nowMs / DAY_MS) - (USAGE_DAYS - 1);
  const { before, perDay } = await readyImagesByDay(firstDay * DAY_MS);
  const added = new Map(perDay.map((p) => [p.day, p.count]));
  let running = before;
  return Array.from({ length: USAGE_DAYS }, (_, i) => {
    running += added.get(firstDay + i) ?? 0;
    return { day: utcDay((firstDay + i) * DAY_MS), stored: running };
  });
}

async function cloudflare(nowMs: number): Promise<Omit<UsageOverview, 'estimate' | 'signing' | 'now' | 'backend'>> {
  const stats = await withServiceRefusals(() => imagesClient().stats());
  const monthStart = `${utcDay(nowMs).slice(0, 8)}01`;
  const rangeStart = utcDay(nowMs - (USAGE_DAYS - 1) * DAY_MS);
  const from = monthStart < rangeStart ? monthStart : rangeStart;
  const analytics = await cloudflareDeliveries(from, utcDay(nowMs));
  let deliveries: Deliveries;
  if (analytics.ok) {
    const days = Array.from({ length: USAGE_DAYS }, (_, i) => {
      const day = utcDay(nowMs - (USAGE_DAYS - 1 - i) * DAY_MS);
      return { day, deliveries: analytics.perDay.get(day) ?? 0, bytes: null };
    });
    let monthSoFar = 0;
    for (const [day, n] of analytics.perDay) if (day >= monthStart) monthSoFar += n;
    deliveries = {
      available: true,
      source: 'cloudflare',
      days,
      variants: null,
      top: null,
      monthSoFar,
      countingSince: null,
    };
  } else {
    deliveries = { available: false, reason: analytics.reason };
  }
  return {
    stored: { now: stats.current, allowed: stats.allowed },
    storedHistory: { source: 'records', points: await recordHistory(nowMs) },
    deliveries,
  };
}

export async function usageOverview(admin: Actor, nowMs = Date.now()): Promise<UsageOverview> {
  assertAdmin(admin);
  const env = appEnv();
  const parts = env.backend === 'embedded' ? await embedded(nowMs) : await cloudflare(nowMs);
  const projection = parts.deliveries.available ? projectMonth(parts.deliveries.monthSoFar, nowMs) : null;
  return {
    backend: env.backend,
    now: new Date(nowMs).toISOString(),
    ...parts,
    estimate: { projection, bill: monthlyBill(parts.stored.now, projection?.projected ?? 0) },
    signing: { ttlSeconds: env.signedUrlTtlSeconds, bucketSeconds: env.signedUrlBucketSeconds },
  };
}
