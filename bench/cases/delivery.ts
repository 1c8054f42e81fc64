/**
 * Case 1: cached delivery. One 12 MP photo's `thumbnail` variant (~30 KB), signed, is served by the
 * service and, from the same bytes, by nginx (static file) and a bare Node server (bytes from memory),
 * at 2, 16 and 64 connections, rounds interleaved. At 16 connections also: the public URL, a 304
 * revalidation, and Next.js's `/_next/image` (warm) of the same photo at a similar width.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { signUrl } from '@/lib/cloudflare-images/signing';
import type { BenchContext } from '../lib/context';
import { type Figure, median, type Section } from '../lib/report';
import { startBareNode, startNginx, type WrkRun, wrk } from '../lib/servers';
import { uploadImage } from '../load/service';

/** A browser that takes WebP (not AVIF): the format `/_next/image` answers with too, so all serve WebP. */
const ACCEPT = 'image/webp,image/apng,image/*,*/*;q=0.8';
const VARIANT = 'thumbnail';
/** `/_next/image` widths must be one of next.config's sizes; 384 is the default nearest to 400. */
const NEXT_WIDTH = 384;

interface Target {
  name: string;
  url: string;
  headers?: Record<string, string>;
}

/** Runs every target `rounds` times, interleaved, and keeps the median round of each. */
function compare(targets: Target[], connections: number, seconds: number, rounds: number): Map<string, WrkRun> {
  const runs = new Map<string, WrkRun[]>(targets.map((t) => [t.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const t of targets) {
      const r = wrk(t.url, connections, seconds, { accept: ACCEPT, ...t.headers });
      console.log(
        `  ${t.name} @${connections}: ${r.rps.toFixed(0)} req/s, p99 ${r.p99.toFixed(2)} ms, non-2xx/3xx ${r.non2xx}`,
      );
      runs.get(t.name)?.push(r);
    }
  }
  const best = new Map<string, WrkRun>();
  for (const [name, list] of runs) {
    const mid = median(list.map((r) => r.rps));
    const chosen = list.find((r) => r.rps === mid) ?? list[0];
    if (chosen) best.set(name, chosen);
  }
  return best;
}

export async function deliveryCase(ctx: BenchContext): Promise<Section> {
  const { service: svc, options } = ctx;
  const privateId = await uploadImage(svc, ctx.photo, true);
  const publicId = await uploadImage(svc, ctx.photo, false);
  const base = `${svc.url}/${svc.creds.accountHash}`;
  const exp = Math.floor(Date.now() / 1000) + 3600;
  const signed = signUrl(`${base}/${privateId}/${VARIANT}`, svc.creds.signingKey, exp);
  const publicUrl = `${base}/${publicId}/${VARIANT}`;
  const first = await fetch(signed, { headers: { accept: ACCEPT } });
  const bytes = Buffer.from(await first.arrayBuffer());
  await (await fetch(publicUrl, { headers: { accept: ACCEPT } })).arrayBuffer();
  const contentType = first.headers.get('content-type') ?? 'image/webp';
  const etag = first.headers.get('etag') ?? '';
  const file = path.join(ctx.work, 'variant');
  writeFileSync(file, bytes);
  const nginxUrl = await startNginx(path.join(ctx.work, 'nginx'), bytes, contentType);
  const nodeUrl = await startBareNode(file, contentType, options.nodeArgs);

  let nextUrl: string | null = null;
  let nextBytes = 0;
  if (ctx.next) {
    nextUrl = `${ctx.next.url}/_next/image?url=${encodeURIComponent(ctx.next.photoPath)}&w=${NEXT_WIDTH}&q=75`;
    const warm = await fetch(nextUrl, { headers: { accept: ACCEPT } });
    nextBytes = (await warm.arrayBuffer()).byteLength;
    if (!warm.ok) throw new Error(`/_next/image answered ${warm.status}`);
  }

  const { seconds, rounds } = options;
  const figures: Figure[] = [];
  const commands = new Set<string>();
  for (const connections of [2, 16, 64]) {
    const targets: Target[] = [
      { name: 'nginx', url: nginxUrl },
      { name: 'bare Node', url: nodeUrl },
      { name: 'service signed', url: signed },
    ];
    if (connections === 16) {
      targets.push({ name: 'service public', url: publicUrl });
      targets.push({ name: 'service 304', url: signed, headers: { 'if-none-match': etag } });
      if (nextUrl) targets.push({ name: '/_next/image warm', url: nextUrl });
    }
    const r = compare(targets, connections, seconds, rounds);
    for (const run of r.values()) commands.add(run.command.replace(/http\S+/, '<url>'));
    // A server that answered errors did not serve the bytes: its rate is no figure.
    const rps = (name: string) => {
      const run = r.get(name);
      return run && run.non2xx === 0 ? run.rps : Number.NaN;
    };
    const nginx = { name: `nginx @${connections}`, value: rps('nginx') };
    const node = { name: `bare Node @${connections}`, value: rps('bare Node') };
    figures.push({ name: `nginx, static file @${connections}`, value: nginx.value, unit: 'req/s' });
    figures.push({
      name: `bare Node, bytes from memory @${connections}`,
      value: node.value,
      unit: 'req/s',
      reference: nginx,
    });
    const signedRun = r.get('service signed');
    figures.push({
      name: `service, signed @${connections}`,
      value: rps('service signed'),
      unit: 'req/s',
      reference: nginx,
      target: connections === 16 ? { ratio: 0.5, label: '≥ 0.5× nginx' } : undefined,
      note: `${(signedRun?.non2xx ?? 0) + (signedRun?.socketErrors ?? 0)} errors`,
    });
    figures.push({
      name: `service, signed @${connections} vs bare Node`,
      value: rps('service signed'),
      unit: 'req/s',
      reference: node,
    });
    figures.push({
      name: `service, signed p99 @${connections}`,
      value: signedRun?.p99 ?? Number.NaN,
      unit: 'ms',
      lowerIsBetter: true,
      reference: { name: `nginx p99 @${connections}`, value: r.get('nginx')?.p99 ?? Number.NaN },
      target: connections === 16 ? { max: 5, label: 'p99 ≤ 5 ms' } : undefined,
    });
    if (connections === 16) {
      figures.push({ name: 'service, public @16', value: rps('service public'), unit: 'req/s', reference: nginx });
      figures.push({
        name: 'service, 304 revalidation @16',
        value: rps('service 304'),
        unit: 'req/s',
        reference: nginx,
      });
      if (nextUrl) {
        const nextRef = { name: '/_next/image warm @16', value: rps('/_next/image warm') };
        figures.push({ name: '/_next/image warm @16', value: nextRef.value, unit: 'req/s', reference: nginx });
        figures.push({
          name: 'service, signed @16 vs /_next/image warm',
          value: rps('service signed'),
          unit: 'req/s',
          reference: nextRef,
          target: { ratio: 4, label: '≥ 4× /_next/image' },
        });
      }
    }
  }
  return {
    title: 'Cached delivery (case 1)',
    lines: [
      `Payload: the \`${VARIANT}\` variant of a 4000×3000 photo-like JPEG, ${bytes.length} bytes of ${contentType}, signed URL (1 h) on a private image; nginx and bare Node serve the same bytes.`,
      nextUrl
        ? `\`/_next/image\` (Next.js's optimizer under \`next start\`, warm) serves the same photo at w=${NEXT_WIDTH}: ${nextBytes} bytes.`
        : `\`/_next/image\` not measured: ${ctx.nextMissing ?? 'the app was not started'}.`,
      `Each figure is the median of ${rounds} interleaved wrk run(s) of ${seconds} s; commands: ${[...commands].map((c) => `\`${c}\``).join(', ')}.`,
    ],
    figures,
  };
}
