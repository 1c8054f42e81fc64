/**
 * Load run of the embedded image service (not part of `npm test`): (a) signed delivery over many
 * connections with wrk, (b) a burst of cold transforms of large photos (memory, 429s, recovery),
 * (c) slowloris while a normal client uploads and fetches. The service runs as a child process on
 * 127.0.0.1 with a temp data folder; everything started here is stopped here. Writes bench/results/load.md.
 *
 *   npx tsx bench/load.ts [--duration 60] [--connections 200] [--images 8] [--transforms 64]
 *                         [--queue-max 32] [--slowloris 40] [--slow-clients 2] [--phases delivery,transforms,slowloris]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { readServiceEnv } from '@/lib/env';
import { generateCredentials } from '@/lib/image-service/credentials';
import { type DeliveryResult, runDelivery } from './load/delivery';
import { createVariants, type LoadService, startService } from './load/service';
import { runSlowloris, type SlowlorisResult } from './load/slowloris';
import { runTransforms, type TransformsResult } from './load/transforms';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const phasesArg = process.argv.indexOf('--phases');
const PHASES = new Set(
  (phasesArg >= 0 ? (process.argv[phasesArg + 1] ?? '') : 'delivery,transforms,slowloris').split(','),
);
const opts = {
  duration: arg('duration', 60),
  connections: arg('connections', 200),
  images: arg('images', 8),
  transforms: arg('transforms', 64),
  queueMax: arg('queue-max', 32),
  slowloris: arg('slowloris', 40),
  slowClients: arg('slow-clients', 2),
};
const MB = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/** Settings of the service under test; eager variants off, so phase (b) renders really are cold. */
const serviceEnv = { IMAGE_SERVICE_EAGER_VARIANTS: 'false', IMAGE_SERVICE_QUEUE_MAX: String(opts.queueMax) };

interface Results {
  delivery?: DeliveryResult;
  transforms?: TransformsResult;
  slowloris?: SlowlorisResult;
  hwm: number;
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'pixvault-load-'));
  let svc: LoadService | null = null;
  try {
    svc = await startService(path.join(work, 'service'), generateCredentials(), serviceEnv);
    console.log(`service pid ${svc.pid} on ${svc.url}`);
    await createVariants(svc);
    const results: Results = { hwm: 0 };
    if (PHASES.has('delivery')) {
      console.log(`(a) signed delivery: ${opts.connections} connections × ${opts.duration} s`);
      results.delivery = await runDelivery(svc, work, {
        images: opts.images,
        connections: opts.connections,
        seconds: opts.duration,
      });
      console.log(results.delivery.raw);
    }
    if (PHASES.has('transforms')) {
      console.log(`(b) ${opts.transforms} cold transforms of large photos at once`);
      results.transforms = await runTransforms(svc, opts.transforms);
      console.log(JSON.stringify(results.transforms, null, 1));
    }
    if (PHASES.has('slowloris')) {
      console.log(`(c) slowloris for ${opts.slowloris} s from ${opts.slowClients} slow clients`);
      results.slowloris = await runSlowloris(svc, { seconds: opts.slowloris, slowClients: opts.slowClients });
      console.log(JSON.stringify(results.slowloris, null, 1));
    }
    results.hwm = svc.memory().hwm;
    const report = render(results);
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/load.md', report);
    console.log('\nwrote bench/results/load.md');
    if (!passed(results)) process.exitCode = 1;
  } finally {
    await svc?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

function passed(r: Results): boolean {
  const d = r.delivery;
  const deliveryOk = !d || (d.non2xx === 0 && Object.values(d.socketErrors).every((n) => n === 0));
  const transformsOk = !r.transforms || r.transforms.allServed;
  const slowOk = !r.slowloris || r.slowloris.normal.failed.length === 0;
  return deliveryOk && transformsOk && slowOk;
}

function machine(): string[] {
  const wrk = spawnSync('wrk', ['-v'], { encoding: 'utf8' });
  const settings = readServiceEnv({ ...serviceEnv }).settings;
  return [
    `- Machine: ${os.cpus()[0]?.model ?? '?'}, ${os.availableParallelism()} cores, ${MB(os.totalmem())} RAM, ${os.type()} ${os.release()} (shared with other work while this ran)`,
    `- Load average (1/5/15 min) when the report was written: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}`,
    `- Versions: Node ${process.version}, sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, ${/wrk \S+/.exec(wrk.stdout || wrk.stderr)?.[0] ?? 'wrk'}`,
    `- Service: \`lib/image-service/main.ts\` as a child process on 127.0.0.1, temp data folder; transform concurrency ${settings.transformConcurrency}, transform queue ${settings.transformQueueMax} (set for this run; default 64), transform memory budget ${MB(settings.transformMemoryBytes)}, memory cache ${MB(settings.memoryCacheBytes)}, eager variants off; uploads ${settings.uploads.maxActive} at once, ${settings.uploads.perClient} per client, at least ${settings.uploads.minBytesPerSecond / 1024} KB/s after ${settings.uploads.rateGraceMs / 1000} s; header timeout ${settings.http.headersTimeoutMs / 1000} s, request timeout ${settings.http.requestTimeoutMs / 1000} s`,
    `- Command: \`npx tsx bench/load.ts ${process.argv.slice(2).join(' ')}\`, run at ${new Date().toISOString()}`,
  ];
}

function render(r: Results): string {
  const lines = ['# Load run', '', ...machine(), `- Result: **${passed(r) ? 'PASS' : 'FAIL'}**`, ''];
  const d = r.delivery;
  if (d) {
    const e = d.socketErrors;
    lines.push(
      `## (a) Signed delivery: ${opts.connections} connections × ${opts.duration} s`,
      '',
      `wrk -t2 -c${opts.connections} -d${opts.duration}s --timeout 10s, rotating over ${d.urls} signed URLs (${opts.images} private 2400×1600 photos × thumbnail, mobile, desktop, public; warmed first), Accept as a modern browser.`,
      '',
      '| requests | req/s | p50 | p90 | p99 | max | non-2xx | socket errors (connect/read/write/timeout) | peak RSS |',
      '|---:|---:|---:|---:|---:|---:|---:|---|---:|',
      `| ${d.requests} | ${d.rps.toFixed(0)} | ${d.p50} | ${d.p90} | ${d.p99} | ${d.max} | ${d.non2xx} | ${e.connect}/${e.read}/${e.write}/${e.timeout} | ${MB(d.peakRss)} |`,
      '',
    );
  }
  const t = r.transforms;
  if (t) {
    const ra = t.retryAfter;
    const waves = Object.entries(t.firstWave)
      .map(([status, n]) => `${n} × ${status}`)
      .join(', ');
    lines.push(
      `## (b) ${t.images} cold transforms at once`,
      '',
      `${t.images} distinct photos of ${t.megapixels.min.toFixed(1)}–${t.megapixels.max.toFixed(1)} MP (JPEG, ${MB(t.uploadBytes.min)}–${MB(t.uploadBytes.max)}), uploaded, then the \`desktop\` variant (1600 px wide) of all of them requested at the same moment; every 429 asked again after its Retry-After.`,
      '',
      '| first answers | 429s in all | Retry-After (s) | most attempts for one image | all served | time to serve all | RSS before | peak RSS during |',
      '|---|---:|---|---:|---|---:|---:|---:|',
      `| ${waves} | ${ra.length} | ${ra.length ? `${Math.min(...ra)}–${Math.max(...ra)}` : '–'} | ${t.attemptsMax} | ${t.allServed ? 'yes' : `no: ${t.failures.join('; ')}`} | ${t.seconds.toFixed(1)} s | ${MB(t.rssBefore)} | ${MB(t.peakRss)} |`,
      '',
    );
  }
  const s = r.slowloris;
  if (s) {
    const n = s.normal;
    lines.push(
      `## (c) Slowloris: ${s.slowClients} slow clients for ${s.seconds} s`,
      '',
      'Each slow client (its own loopback address) opens sockets that send request headers one line every 2 s ("headers"), POST an upload declaring 5 MB and send 16 bytes a second ("body"), or send nothing ("idle"). Meanwhile a normal client on 127.0.0.1 mints a one-time URL, uploads a 1200×800 JPEG and fetches its thumbnail, over and over.',
      '',
      '| slow sockets | opened | dropped by the service | dropped after (min / median / max s) | first answer seen | open at the end |',
      '|---|---:|---:|---|---|---:|',
      ...s.kinds.map((k) => {
        const when = k.dropSeconds
          ? `${k.dropSeconds.min.toFixed(1)} / ${k.dropSeconds.median.toFixed(1)} / ${k.dropSeconds.max.toFixed(1)}`
          : '–';
        const statuses = Object.entries(k.statuses)
          .map(([status, count]) => `${count} × ${status}`)
          .join(', ');
        return `| ${k.kind} | ${k.opened} | ${k.droppedByService} | ${when} | ${statuses} | ${k.openAtEnd} |`;
      }),
      '',
      `Normal client: ${n.ok}/${n.rounds} rounds succeeded (upload + thumbnail), p50 ${n.p50Ms} ms, slowest ${n.maxMs} ms, ${n.retries429} uploads retried after a 429.${n.failed.length ? ` Failures: ${n.failed.join('; ')}` : ''}`,
      '',
    );
  }
  lines.push(`Peak resident memory of the service over the whole run (VmHWM): ${MB(r.hwm)}.`, '');
  return lines.join('\n');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
