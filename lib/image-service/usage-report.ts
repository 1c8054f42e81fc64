/**
 * `GET /client/v4/accounts/<id>/images/x-pixvault/usage`: the daily delivery counters of `usage.ts`.
 * An extension outside the Cloudflare Images API (Cloudflare has analytics for this instead), under the
 * same token; its shape is in the contract (lib/cloudflare-images/usage-report.ts).
 */
import { z } from 'zod';
import { invalidInput } from '@/lib/cloudflare-images/errors';
import { USAGE_MAX_DAYS, USAGE_MAX_IMAGES, type UsageReport } from '@/lib/cloudflare-images/usage-report';
import type { ImageService } from './service';
import { utcDay } from './usage';

const querySchema = z.object({
  days: z.coerce.number().int().min(1).max(USAGE_MAX_DAYS).default(30),
  top: z.coerce.number().int().min(0).max(100).default(20),
  image: z.array(z.string().min(1).max(1024)).max(USAGE_MAX_IMAGES),
  every_image: z.enum(['0', '1']).default('0'),
});

const DAY_MS = 86_400_000;

export function usageReport(svc: Pick<ImageService, 'db' | 'usage' | 'now'>, query: URLSearchParams): UsageReport {
  const parsed = querySchema.safeParse({
    days: query.get('days') ?? undefined,
    top: query.get('top') ?? undefined,
    image: query.getAll('image'),
    every_image: query.get('every_image') ?? undefined,
  });
  if (!parsed.success) throw invalidInput('usage query', parsed.error.issues);
  const { days, top, image, every_image } = parsed.data;
  // What the hot path counted so far is included: the report is read rarely, a flush is cheap.
  svc.usage.flush();
  const db = svc.db;
  const now = svc.now();
  const to = utcDay(now);
  const from = utcDay(now - (days - 1) * DAY_MS);

  const dayRows = db
    .prepare('SELECT day, deliveries, bytes, stored FROM usage_days WHERE day >= ? AND day <= ?')
    .all(from, to) as UsageReport['days'];
  const byDay = new Map(dayRows.map((r) => [r.day, r]));
  const allDays: UsageReport['days'] = [];
  for (let i = days - 1; i >= 0; i--) {
    const day = utcDay(now - i * DAY_MS);
    allDays.push(byDay.get(day) ?? { day, deliveries: 0, bytes: 0, stored: null });
  }

  const variants = db
    .prepare(
      'SELECT day, variant, SUM(deliveries) AS deliveries FROM usage_deliveries WHERE day >= ? GROUP BY day, variant ORDER BY day, variant',
    )
    .all(from) as UsageReport['variants'];
  const topRows = db
    .prepare(
      'SELECT image_id AS id, SUM(deliveries) AS deliveries FROM usage_deliveries WHERE day >= ? GROUP BY image_id ORDER BY deliveries DESC, image_id LIMIT ?',
    )
    .all(from, top) as UsageReport['top'];

  const images: Record<string, number> = Object.fromEntries(image.map((id) => [id, 0]));
  if (image.length > 0 || every_image === '1') {
    const only = every_image === '1' ? '' : ` AND image_id IN (${image.map(() => '?').join(',')})`;
    const rows = db
      .prepare(
        `SELECT image_id AS id, SUM(deliveries) AS deliveries FROM usage_deliveries WHERE day >= ?${only} GROUP BY image_id`,
      )
      .all(from, ...(every_image === '1' ? [] : image)) as { id: string; deliveries: number }[];
    for (const r of rows) images[r.id] = r.deliveries;
  }

  const month = to.slice(0, 7);
  const monthly = svc.usage.month(month);
  const { n: stored } = db.prepare('SELECT COUNT(*) AS n FROM images WHERE draft = 0').get() as { n: number };
  const first = db.prepare('SELECT MIN(day) AS day FROM usage_days').get() as { day: string | null };
  return {
    from,
    to,
    days: allDays,
    variants,
    top: topRows,
    images,
    month: { month, deliveries: monthly.deliveries ?? 0, bytes: monthly.delivered_bytes ?? 0 },
    stored,
    countingSince: first.day,
  };
}
