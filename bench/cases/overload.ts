/**
 * Case 4: overload. 32 distinct 50 MP images are asked for at once, cold: (a) the `desktop` variant,
 * (b) a heavy option set (trim, PNG output at 3000 px; trim cannot shrink on load, so each render
 * decodes all 50 MP). A service of its own (queue of 16, so part of the burst is refused), its
 * resident memory sampled every 25 ms; refused requests come back after their Retry-After until all
 * are served; then a fresh request must be served at once (recovery without restart).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import sharp from 'sharp';
import { generateCredentials } from '@/lib/image-service/credentials';
import { type BenchContext, createAppVariants } from '../lib/context';
import type { Figure, Section } from '../lib/report';
import { type LoadService, sampleRss, startService, uploadImage } from '../load/service';

const ACCEPT = 'image/webp,image/apng,image/*,*/*;q=0.8';
const WIDTH = 8660;
const HEIGHT = 5774; // 50.0 MP
const QUEUE_MAX = 16;
const MAX_ATTEMPTS = 60;
const MB = 1024 * 1024;

/** One 50 MP photo-like JPEG; copies differ by a JPEG comment, so each upload is a distinct file. */
async function largePhotos(count: number): Promise<Buffer[]> {
  const seed = sharp(randomBytes(60 * 40 * 3), { raw: { width: 60, height: 40, channels: 3 } });
  const base = await seed.resize(WIDTH, HEIGHT, { kernel: 'cubic' }).blur(20).jpeg({ quality: 82 }).toBuffer();
  return Array.from({ length: count }, (_, i) => {
    const text = Buffer.from(`pixvault bench ${i} ${randomBytes(8).toString('hex')}`);
    const com = Buffer.alloc(4);
    com.writeUInt16BE(0xfffe, 0);
    com.writeUInt16BE(text.length + 2, 2);
    return Buffer.concat([base.subarray(0, 2), com, text, base.subarray(2)]);
  });
}

interface Burst {
  peakRss: number;
  firstWave: Record<string, number>;
  retryAfter: number[];
  seconds: number;
  failures: string[];
}

async function burst(svc: LoadService, urls: string[]): Promise<Burst> {
  const rss = sampleRss(svc, 25);
  const started = performance.now();
  const firstWave: Record<string, number> = {};
  const retryAfter: number[] = [];
  const failures: string[] = [];
  await Promise.all(
    urls.map(async (url) => {
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const res = await fetch(url, { headers: { accept: ACCEPT } });
        await res.arrayBuffer();
        if (attempt === 1) firstWave[res.status] = (firstWave[res.status] ?? 0) + 1;
        if (res.status === 200) return;
        if (res.status !== 429) {
          failures.push(`${res.status}`);
          return;
        }
        const seconds = Number(res.headers.get('retry-after'));
        retryAfter.push(seconds);
        await new Promise((r) => setTimeout(r, Math.max(1, seconds) * 1000));
      }
      failures.push(`still 429 after ${MAX_ATTEMPTS} attempts`);
    }),
  );
  return { peakRss: rss.stop(), firstWave, retryAfter, seconds: (performance.now() - started) / 1000, failures };
}

export async function overloadCase(ctx: BenchContext): Promise<Section> {
  const count = ctx.options.quick ? 8 : 32;
  const svc = await startService(path.join(ctx.work, 'service-overload'), generateCredentials(), {
    IMAGE_SERVICE_EAGER_VARIANTS: 'false',
    IMAGE_SERVICE_QUEUE_MAX: String(QUEUE_MAX),
  });
  try {
    await createAppVariants(svc);
    const config = await fetch(`${svc.api}/v1/config`, {
      method: 'PATCH',
      headers: { ...svc.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ flexible_variants: true }),
    });
    if (!config.ok) throw new Error(`enabling flexible variants: ${config.status}`);
    const photos = await largePhotos(count);
    const ids: string[] = [];
    for (const photo of photos) ids.push(await uploadImage(svc, photo, false));
    const base = `${svc.url}/${svc.creds.accountHash}`;
    const idle = svc.memory().rss;
    const figures: Figure[] = [];
    const lines = [
      `${count} distinct ${WIDTH}×${HEIGHT} (50 MP) JPEGs of ${(photos[0]?.length ?? 0) / MB > 1 ? ((photos[0]?.length ?? 0) / MB).toFixed(1) : '<1'} MB, uploaded first; then all requested at once, cold. Service: default settings (transform concurrency = cores) but a queue of ${QUEUE_MAX}, eager variants off; resident memory before the bursts: ${Math.round(idle / MB)} MB.`,
    ];
    const bursts: [string, (id: string) => string][] = [
      ['desktop variant', (id) => `${base}/${id}/desktop`],
      ['heavy: trim, PNG at 3000 px', (id) => `${base}/${id}/trim=7;9;11;13,format=png,width=3000`],
    ];
    for (const [name, url] of bursts) {
      const b = await burst(svc, ids.map(url));
      const fresh = await fetch(`${base}/${ids[0]}/thumbnail`, { headers: { accept: ACCEPT } });
      await fresh.arrayBuffer();
      figures.push({
        name: `peak RSS, ${name}`,
        value: b.peakRss / MB,
        unit: 'MB',
        lowerIsBetter: true,
        target: { max: 600, label: '≤ 600 MB' },
      });
      figures.push({
        name: `all ${count} served, ${name}`,
        value: b.seconds,
        unit: 's',
        lowerIsBetter: true,
        note: `first wave ${Object.entries(b.firstWave)
          .map(([s, n]) => `${n}× ${s}`)
          .join(
            ', ',
          )}; Retry-After ${b.retryAfter.length ? `${Math.min(...b.retryAfter)}–${Math.max(...b.retryAfter)} s` : 'none'}; ${b.failures.length ? `failures: ${b.failures.join(', ')}` : 'no failures'}; then a fresh request: ${fresh.status}`,
      });
    }
    return { title: 'Overload: 32 cold transforms of 50 MP images (case 4)', lines, figures };
  } finally {
    await svc.stop();
  }
}
