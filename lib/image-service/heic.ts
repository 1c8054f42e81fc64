/**
 * HEIC/HEIF ingest: sharp's bundled libvips has no HEVC decoder, so HEIC photos are decoded with libheif
 * compiled to WebAssembly (libheif-js) and stored as JPEG. This is a decode stage *before* the ordinary
 * pipeline: the JPEG it returns, with the HEIC's EXIF block carried over, then goes through the same
 * limits, decode check and metadata keep/strip as any uploaded JPEG.
 *
 * Bounded: the size in the HEIF header is checked against the limits before any pixel is decoded; one
 * decode runs at a time (a 12 MP photo needs ~50 MB of RGBA), a few may wait, more are refused with 429;
 * each runs in its own worker thread, terminated at a deadline, so a hostile file cannot stall the service.
 */
import { Worker } from 'node:worker_threads';
import sharp from 'sharp';
import { badRequest, cfError } from '@/lib/cloudflare-images/errors';
import type { ImageLimits } from '@/lib/cloudflare-images/limits';
import { readHeicMetadata } from './heic-boxes';
import { withExifBlock } from './heic-exif';

export const HEIC_TIMEOUT_MS = 30_000;
const MAX_WAITING = 4;

type Answer =
  | { width: number; height: number; rgba: Uint8ClampedArray }
  | { tooLarge: { width: number; height: number } }
  | { error: string };

/** The header size of a HEIC that exceeds the limits (the caller words the refusal, as for any format). */
export class HeicTooLarge extends Error {
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    super('HEIC image over the limits');
  }
}

let running = 0;
const waiting: (() => void)[] = [];

async function slot(): Promise<() => void> {
  if (running > 0) {
    if (waiting.length >= MAX_WAITING) {
      throw cfError(5453, 'Too many HEIC photos are being converted; try again in a few seconds.', {
        headers: { 'retry-after': '5' },
      });
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

function decodeInWorker(input: Buffer, limits: ImageLimits): Promise<Answer> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./heic-worker.mjs', import.meta.url), {
      workerData: { bytes: new Uint8Array(input), maxPixels: limits.maxPixels, maxSide: limits.maxSide },
    });
    const finish = (answer: Answer) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(answer);
    };
    const timer = setTimeout(
      () => finish({ error: 'The HEIC photo took too long to convert; export it as JPEG and upload again.' }),
      HEIC_TIMEOUT_MS,
    );
    worker.once('message', (answer: Answer) => finish(answer));
    worker.once('error', () => finish({ error: 'The HEIC file is damaged and cannot be decoded.' }));
  });
}

/** A HEIC/HEIF photo as an upright JPEG (quality 92) with its EXIF kept. Throws a Cloudflare Images 4xx. */
export async function convertHeic(input: Buffer, limits: ImageLimits): Promise<Buffer> {
  const release = await slot();
  let answer: Answer;
  try {
    answer = await decodeInWorker(input, limits);
  } finally {
    release();
  }
  if ('tooLarge' in answer) throw new HeicTooLarge(answer.tooLarge.width, answer.tooLarge.height);
  if ('error' in answer) throw badRequest(answer.error);
  const jpeg = await sharp(Buffer.from(answer.rgba.buffer, answer.rgba.byteOffset, answer.rgba.byteLength), {
    raw: { width: answer.width, height: answer.height, channels: 4 },
  })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 92, chromaSubsampling: '4:4:4' })
    .toBuffer();
  const { exif, transformed } = readHeicMetadata(input);
  // libheif applied irot/imir, so the EXIF orientation must not rotate again; without them the EXIF
  // orientation is the only record of it (what `heif-enc` writes) and the ordinary pipeline applies it.
  return exif ? withExifBlock(jpeg, exif, transformed) : jpeg;
}
