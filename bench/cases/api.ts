/**
 * Case 6: `GET /api/images?limit=60` (60 records with signed URLs) one request at a time over real
 * HTTP against `next start` on SQLite, signed in as a viewer (bench/api/measure.ts). The fuller
 * comparison with PostgreSQL is `npm run bench:api`.
 */
import { summarize, timeRequests } from '../api/measure';
import type { BenchContext } from '../lib/context';
import type { Section } from '../lib/report';

export async function apiCase(ctx: BenchContext): Promise<Section> {
  const app = ctx.next;
  if (!app) {
    return { title: 'GET /api/images (case 6)', lines: [`Not measured: ${ctx.nextMissing}.`], figures: [] };
  }
  const instance = { name: 'app', url: app.url, cookie: app.cookie, stop: async () => undefined };
  const requests = ctx.options.quick ? 100 : 400;
  await timeRequests(instance, 30, 60);
  const s = summarize(await timeRequests(instance, requests, 60));
  const p50 = { name: 'p50', value: s.p50 };
  return {
    title: 'GET /api/images, 60 images with signed URLs (case 6)',
    lines: [
      `${requests} requests one after another after 30 of warm-up, SQLite, ${app.records} records; min ${s.min.toFixed(1)} ms.`,
    ],
    figures: [
      { name: 'p50', value: s.p50, unit: 'ms', lowerIsBetter: true, target: { max: 20, label: 'p50 ≤ 20 ms' } },
      { name: 'p99', value: s.p99, unit: 'ms', lowerIsBetter: true, reference: p50 },
    ],
  };
}
