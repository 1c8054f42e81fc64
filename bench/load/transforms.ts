/**
 * Phase (b): a burst of cold transforms. Distinct large photos (24–50 MP) are uploaded, then the
 * `desktop` variant of every one is asked for at once: nothing is cached, each request is a render.
 * The transform queue runs a few and lets a bounded number wait; the rest are refused with 429 and a
 * Retry-After, and are asked again after that many seconds until all are served.
 */
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { ACCEPT } from './delivery';
import { type LoadService, sampleRss, uploadImage } from './service';

export interface TransformsResult {
  images: number;
  megapixels: { min: number; max: number };
  uploadBytes: { min: number; max: number };
  rssBefore: number;
  peakRss: number;
  firstWave: Record<string, number>;
  retryAfter: number[];
  attemptsMax: number;
  allServed: boolean;
  seconds: number;
  failures: string[];
}

/** Smooth colour structure (a blurred upscale of random pixels) with a little grain, as a JPEG under 10 MB. */
async function largePhoto(i: number): Promise<{ bytes: Buffer; megapixels: number }> {
  const width = 6000 + (i % 5) * 660; // 6000×4000 (24 MP) … 8640×5760 (49.8 MP)
  const height = Math.round((width * 2) / 3);
  const seed = sharp(randomBytes(60 * 40 * 3), { raw: { width: 60, height: 40, channels: 3 } });
  const bytes = await seed.resize(width, height, { kernel: 'cubic' }).blur(20).jpeg({ quality: 82 }).toBuffer();
  return { bytes, megapixels: (width * height) / 1e6 };
}

const MAX_ATTEMPTS = 40;

export async function runTransforms(svc: LoadService, count: number): Promise<TransformsResult> {
  const ids: string[] = [];
  const mp: number[] = [];
  const sizes: number[] = [];
  for (let i = 0; i < count; i++) {
    const { bytes, megapixels } = await largePhoto(i);
    ids.push(await uploadImage(svc, bytes, false));
    mp.push(megapixels);
    sizes.push(bytes.length);
    if ((i + 1) % 16 === 0) console.log(`  uploaded ${i + 1}/${count} large photos`);
  }
  const rssBefore = svc.memory().rss;
  const rss = sampleRss(svc, 25);
  const started = performance.now();
  const firstWave: Record<string, number> = {};
  const retryAfter: number[] = [];
  const failures: string[] = [];
  let attemptsMax = 0;

  const fetchOne = async (id: string): Promise<boolean> => {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      attemptsMax = Math.max(attemptsMax, attempt);
      const res = await fetch(`${svc.url}/${svc.creds.accountHash}/${id}/desktop`, { headers: { accept: ACCEPT } });
      await res.arrayBuffer();
      if (attempt === 1) firstWave[res.status] = (firstWave[res.status] ?? 0) + 1;
      if (res.status === 200) return true;
      if (res.status !== 429) {
        failures.push(`${id}: ${res.status}`);
        return false;
      }
      const seconds = Number(res.headers.get('retry-after'));
      retryAfter.push(seconds);
      await new Promise((r) => setTimeout(r, Math.max(1, seconds) * 1000));
    }
    failures.push(`${id}: still 429 after ${MAX_ATTEMPTS} attempts`);
    return false;
  };
  const served = await Promise.all(ids.map(fetchOne));
  return {
    images: count,
    megapixels: { min: Math.min(...mp), max: Math.max(...mp) },
    uploadBytes: { min: Math.min(...sizes), max: Math.max(...sizes) },
    rssBefore,
    peakRss: rss.stop(),
    firstWave,
    retryAfter,
    attemptsMax,
    allServed: served.every(Boolean),
    seconds: (performance.now() - started) / 1000,
    failures,
  };
}
