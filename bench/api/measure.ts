/** Timing `GET /api/images?limit=60` over real HTTP, one request at a time (latency, not throughput). */
import type { Instance } from './instance';

export const PAGE = '/api/images?limit=60';

interface GalleryPage {
  images: { urls: Record<string, string> }[];
}

/** One request, its body read and checked: a full page of images with signed URLs. Milliseconds. */
async function timedRequest(instance: Instance, expected: number): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${instance.url}${PAGE}`, { headers: { cookie: instance.cookie } });
  const body = (await response.json()) as GalleryPage;
  const elapsed = performance.now() - started;
  if (response.status !== 200 || body.images.length !== expected) {
    throw new Error(`${instance.name}: ${response.status} with ${body.images?.length} images`);
  }
  if (!Object.values(body.images[0]?.urls ?? {}).every((u) => u.includes('sig='))) {
    throw new Error(`${instance.name}: the URLs are not signed`);
  }
  return elapsed;
}

export async function timeRequests(instance: Instance, count: number, expected: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) samples.push(await timedRequest(instance, expected));
  return samples;
}

export interface Summary {
  requests: number;
  p50: number;
  p90: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
}

/** Nearest-rank percentiles. */
export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
  return {
    requests: sorted.length,
    p50: rank(0.5),
    p90: rank(0.9),
    p99: rank(0.99),
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    min: sorted[0] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
  };
}
