/**
 * Ingest and transform costs of the embedded image service, measured in one process, one run:
 * validating and privacy-stripping an upload, sanitizing an SVG, and rendering the app's variants in
 * each output format. Writes bench/results/ingest.md.
 *
 *   npx tsx bench/ingest.ts [--runs 5]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';
import type { OutputFormat } from '@/lib/cloudflare-images/formats';
import { DEFAULT_LIMITS } from '@/lib/cloudflare-images/limits';
import { optionsFromVariant } from '@/lib/cloudflare-images/options';
import { planSize } from '@/lib/cloudflare-images/sizing';
import { prepareUpload } from '@/lib/image-service/ingest';
import { sanitizeSvg } from '@/lib/image-service/svg';
import { AVIF_MAX_SIDE, render } from '@/lib/image-service/transform';
import { GALLERY_VARIANTS, VARIANT_DEFINITIONS } from '@/lib/schemas/variant';
import { benchPhoto } from './photo';

const RUNS = (() => {
  const i = process.argv.indexOf('--runs');
  return i >= 0 ? Number(process.argv[i + 1]) : 5;
})();

async function median(fn: () => Promise<unknown> | unknown): Promise<number> {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

function svg(kb: number): Buffer {
  const shapes: string[] = [];
  for (let i = 0; shapes.join('').length < kb * 1024; i++) {
    shapes.push(
      `<path d="M${i} ${i} L${i + 10} ${i + 5} Q${i} 3 ${i + 1} 4 Z" fill="url(#g)" stroke="#${(i % 4096).toString(16).padStart(3, '0')}"/>`,
    );
  }
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1000 1000"><defs><linearGradient id="g"/></defs>${shapes.join('')}</svg>`,
  );
}

async function main(): Promise<void> {
  const rows: [string, number][] = [];
  const big = await benchPhoto(4000, 3000);
  rows.push([
    `prepareUpload: 12 MP JPEG (${(big.length / 1e6).toFixed(1)} MB) — sniff, header limits, decode check, metadata strip`,
    await median(() => prepareUpload(big, DEFAULT_LIMITS)),
  ]);
  for (const kb of [20, 200, 1000]) {
    const input = svg(kb);
    rows.push([`sanitizeSvg: ${kb} KB of paths`, await median(() => sanitizeSvg(input))]);
  }
  const src = { width: 4000, height: 3000, frames: 1, copyright: null };
  const formats: OutputFormat[] = ['avif', 'webp', 'jpeg'];
  for (const { id: name, options } of VARIANT_DEFINITIONS.filter((v) => GALLERY_VARIANTS.some((g) => g === v.id))) {
    const opts = optionsFromVariant(options);
    const planned = planSize(src.width, src.height, opts);
    for (const format of formats) {
      // The service serves AVIF only up to 1200 px (as Cloudflare does): desktop is never AVIF.
      if (format === 'avif' && Math.max(planned.width, planned.height) > AVIF_MAX_SIDE) continue;
      rows.push([
        `render ${name} as ${format} from the 12 MP original`,
        await median(() => render(big, src, opts, format, DEFAULT_LIMITS.maxAnimationPixels)),
      ]);
    }
  }
  const lines = [
    '# Ingest and transform benchmark',
    '',
    `Command: \`npx tsx bench/ingest.ts --runs ${RUNS}\` (median of ${RUNS} runs after one warm-up, one process).`,
    `Run at ${new Date().toISOString()}, Node ${process.version}, sharp ${sharp.versions.sharp} / libvips ${sharp.versions.vips}.`,
    '',
    '| Step | median ms |',
    '|---|---:|',
    ...rows.map(([name, ms]) => `| ${name} | ${ms.toFixed(0)} |`),
    '',
  ];
  for (const [name, ms] of rows) console.log(`${ms.toFixed(0).padStart(6)} ms  ${name}`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/ingest.md', lines.join('\n'));
  console.log('\nwrote bench/results/ingest.md');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
