/**
 * Case 3: upload to ready. A 12 MP JPEG is uploaded to a service with eager variants on (as the app
 * runs it), and every named variant of the app is asked for at once in a modern browser's format;
 * ready is when the last answers. Against raw sharp in-process making the same set (same sizes and
 * formats) from the same file.
 */
import path from 'node:path';
import sharp from 'sharp';
import { generateCredentials } from '@/lib/image-service/credentials';
import { MODERN_ACCEPT } from '@/lib/image-service/negotiate';
import { VARIANT_DEFINITIONS } from '@/lib/schemas/variant';
import { type BenchContext, createAppVariants } from '../lib/context';
import { formatOf, rawSharp, timed } from '../lib/raw-sharp';
import { type Figure, median, type Section } from '../lib/report';
import { startService, uploadImage } from '../load/service';

interface Output {
  variant: string;
  width: number;
  height: number;
  format: ReturnType<typeof formatOf>;
}

export async function uploadCase(ctx: BenchContext): Promise<Section> {
  const svc = await startService(path.join(ctx.work, 'service-eager'), generateCredentials(), {});
  try {
    await createAppVariants(svc);
    const samples = ctx.options.quick ? 1 : 3;
    const variants = VARIANT_DEFINITIONS.map((v) => v.id);
    const serviceMs: number[] = [];
    const rawMs: number[] = [];
    let outputs: Output[] = [];
    for (let i = 0; i < samples; i++) {
      const found: Output[] = [];
      serviceMs.push(
        await timed(async () => {
          const id = await uploadImage(svc, ctx.photo, false);
          await Promise.all(
            variants.map(async (variant) => {
              const r = await fetch(`${svc.url}/${svc.creds.accountHash}/${id}/${variant}`, {
                headers: { accept: MODERN_ACCEPT },
              });
              const body = Buffer.from(await r.arrayBuffer());
              if (!r.ok) throw new Error(`${variant}: ${r.status}`);
              const meta = await sharp(body).metadata();
              found.push({
                variant,
                width: meta.width ?? 0,
                height: meta.height ?? 0,
                format: formatOf(r.headers.get('content-type')),
              });
            }),
          );
        }),
      );
      outputs = found;
      rawMs.push(
        await timed(() => Promise.all(found.map((o) => rawSharp(ctx.photo, o.width, o.height, 'fill', o.format)))),
      );
    }
    const raw = { name: 'raw sharp, same set', value: median(rawMs) };
    const figures: Figure[] = [
      { name: raw.name, value: raw.value, unit: 'ms', lowerIsBetter: true },
      {
        name: 'service, upload to all variants ready',
        value: median(serviceMs),
        unit: 'ms',
        lowerIsBetter: true,
        reference: raw,
        target: { ratio: 1.5, label: '≤ 1.5× raw sharp' },
      },
    ];
    return {
      title: 'Upload to ready (case 3)',
      lines: [
        `A ${(ctx.photo.length / 1e6).toFixed(1)} MB 12 MP JPEG, \`POST v1\` then every named variant at once with a modern Accept (eager variants on, as the app runs the service). Median of ${samples}.`,
        `The set: ${outputs
          .sort((a, b) => a.variant.localeCompare(b.variant))
          .map((o) => `${o.variant} ${o.width}×${o.height} ${o.format}`)
          .join(', ')}. Raw sharp renders the same set from the same bytes, all at once.`,
      ],
      figures,
    };
  } finally {
    await svc.stop();
  }
}
