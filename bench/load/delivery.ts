/**
 * Phase (a): signed delivery under many connections. Private images, every app variant, URLs signed as
 * the app signs them; each URL is warmed once, then wrk spreads its requests over all of them.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { signUrl } from '@/lib/cloudflare-images/signing';
import { benchPhoto } from '../photo';
import { type LoadService, sampleRss, uploadImage } from './service';

export const ACCEPT = 'image/avif,image/webp,image/apng,image/*,*/*;q=0.8';
const VARIANTS = ['thumbnail', 'mobile', 'desktop', 'public'];

export interface DeliveryResult {
  urls: number;
  requests: number;
  rps: number;
  p50: string;
  p90: string;
  p99: string;
  max: string;
  non2xx: number;
  socketErrors: { connect: number; read: number; write: number; timeout: number };
  peakRss: number;
  raw: string;
}

export async function runDelivery(
  svc: LoadService,
  work: string,
  opts: { images: number; connections: number; seconds: number },
): Promise<DeliveryResult> {
  const base = new URL(svc.url);
  const exp = Math.floor(Date.now() / 1000) + 2 * 3600;
  const paths: string[] = [];
  for (let i = 0; i < opts.images; i++) {
    const id = await uploadImage(svc, await benchPhoto(2400, 1600), true);
    for (const variant of VARIANTS) {
      const signed = new URL(
        signUrl(`${svc.url}/${svc.creds.accountHash}/${id}/${variant}`, svc.creds.signingKey, exp),
      );
      paths.push(`${signed.pathname}${signed.search}`);
    }
  }
  // Warm: the first request of each renders it (phase b measures cold renders); the run measures delivery.
  for (const p of paths) {
    const res = await fetch(`${svc.url}${p}`, { headers: { accept: ACCEPT } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`warming ${p} answered ${res.status}`);
  }
  const script = path.join(work, 'signed-urls.lua');
  writeFileSync(
    script,
    `local paths = {${paths.map((p) => JSON.stringify(p)).join(',')}}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], { ["Accept"] = ${JSON.stringify(ACCEPT)} })
end
`,
  );
  const rss = sampleRss(svc, 200);
  const raw = execFileSync(
    'wrk',
    [
      '-t2',
      `-c${opts.connections}`,
      `-d${opts.seconds}s`,
      '--timeout',
      '10s',
      '--latency',
      '-s',
      script,
      `http://${base.host}/`,
    ],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  const peakRss = rss.stop();
  const num = (re: RegExp) => Number(re.exec(raw)?.[1] ?? 0);
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(raw);
  return {
    urls: paths.length,
    requests: num(/(\d+) requests in/),
    rps: num(/Requests\/sec:\s+([\d.]+)/),
    p50: /50%\s+(\S+)/.exec(raw)?.[1] ?? '?',
    p90: /90%\s+(\S+)/.exec(raw)?.[1] ?? '?',
    p99: /99%\s+(\S+)/.exec(raw)?.[1] ?? '?',
    max: /Latency\s+\S+\s+\S+\s+(\S+)/.exec(raw)?.[1] ?? '?',
    non2xx: num(/Non-2xx or 3xx responses: (\d+)/),
    socketErrors: {
      connect: Number(errors?.[1] ?? 0),
      read: Number(errors?.[2] ?? 0),
      write: Number(errors?.[3] ?? 0),
      timeout: Number(errors?.[4] ?? 0),
    },
    peakRss,
    raw,
  };
}
