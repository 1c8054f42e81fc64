/**
 * Case 2: cold transforms of a 12 MP JPEG, one request at a time: → 800 px wide WebP, and → 320×320
 * cover. Each request is for an image uploaded just for it, so nothing is cached. Against raw sharp
 * in-process with the same steps and settings, and `/_next/image` cold (a file it has not seen, at
 * its nearest allowed width, 828).
 */
import sharp from 'sharp';
import type { BenchContext } from '../lib/context';
import { formatOf, rawSharp, timed } from '../lib/raw-sharp';
import { type Figure, median, type Section } from '../lib/report';
import { uploadImage } from '../load/service';

const ACCEPT = 'image/webp,image/apng,image/*,*/*;q=0.8';
const CASES = [
  { name: '800 px WebP', variant: 'benchw800', options: { fit: 'scale-down', width: 800, metadata: 'none' } },
  {
    name: '320×320 cover',
    variant: 'benchcover320',
    options: { fit: 'cover', width: 320, height: 320, metadata: 'none' },
  },
] as const;

export async function transformCase(ctx: BenchContext): Promise<Section> {
  const { service: svc } = ctx;
  const samples = ctx.options.quick ? 2 : 4;
  const figures: Figure[] = [];
  const lines: string[] = [];
  for (const c of CASES) {
    const create = () =>
      fetch(`${svc.api}/v1/variants`, {
        method: 'POST',
        headers: { ...svc.auth, 'content-type': 'application/json' },
        body: JSON.stringify({ id: c.variant, options: c.options, neverRequireSignedURLs: true }),
      });
    // A pooled connection the server closed while wrk ran fails at the first write (EPIPE): the
    // request never arrived, so it is sent once more on a fresh connection.
    const res = await create().catch(create);
    if (!res.ok) throw new Error(`creating ${c.variant}: ${res.status} ${await res.text()}`);
    const serviceMs: number[] = [];
    const rawMs: number[] = [];
    let shape = { width: 0, height: 0, format: formatOf(null), bytes: 0 };
    for (let i = 0; i < samples; i++) {
      const id = await uploadImage(svc, ctx.photo, false);
      const url = `${svc.url}/${svc.creds.accountHash}/${id}/${c.variant}`;
      let body = Buffer.alloc(0);
      let contentType: string | null = null;
      serviceMs.push(
        await timed(async () => {
          const r = await fetch(url, { headers: { accept: ACCEPT } });
          body = Buffer.from(await r.arrayBuffer());
          contentType = r.headers.get('content-type');
          if (!r.ok) throw new Error(`${url}: ${r.status}`);
        }),
      );
      const meta = await sharp(body).metadata();
      shape = { width: meta.width ?? 0, height: meta.height ?? 0, format: formatOf(contentType), bytes: body.length };
      const fit = c.options.fit === 'cover' ? 'cover' : 'fill';
      rawMs.push(await timed(() => rawSharp(ctx.photo, shape.width, shape.height, fit, shape.format)));
    }
    const raw = { name: `raw sharp, ${c.name}`, value: median(rawMs) };
    figures.push({ name: raw.name, value: raw.value, unit: 'ms', lowerIsBetter: true });
    figures.push({
      name: `service cold, ${c.name}`,
      value: median(serviceMs),
      unit: 'ms',
      lowerIsBetter: true,
      reference: raw,
      target: { ratio: 1.15, label: '≤ 1.15× raw sharp' },
    });
    lines.push(
      `${c.name}: the service answered ${shape.width}×${shape.height} ${shape.format}, ${shape.bytes} bytes; raw sharp made the same size and format. Median of ${samples}, each on a fresh upload (service: HTTP request on 127.0.0.1 until the last byte).`,
    );
    if (c.options.fit === 'scale-down' && ctx.next) {
      const nextMs: number[] = [];
      for (let i = 0; i < samples; i++) {
        const photo = ctx.next.coldPhotos.shift();
        if (!photo) break;
        const url = `${ctx.next.url}/_next/image?url=${encodeURIComponent(photo)}&w=828&q=75`;
        nextMs.push(
          await timed(async () => {
            const r = await fetch(url, { headers: { accept: ACCEPT } });
            await r.arrayBuffer();
            if (!r.ok) throw new Error(`${url}: ${r.status}`);
          }),
        );
      }
      const next = { name: '/_next/image cold, 828 px WebP', value: median(nextMs) };
      figures.push({ ...next, unit: 'ms', lowerIsBetter: true, reference: raw });
      figures.push({
        name: `service cold, ${c.name} vs /_next/image cold`,
        value: median(serviceMs),
        unit: 'ms',
        lowerIsBetter: true,
        reference: next,
        target: { ratio: 1, label: 'faster than /_next/image' },
      });
    }
  }
  if (!ctx.next) lines.push(`\`/_next/image\` not measured: ${ctx.nextMissing ?? 'the app was not started'}.`);
  return { title: 'Cold transforms of a 12 MP JPEG (case 2)', lines, figures };
}
