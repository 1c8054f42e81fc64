/**
 * How much memory one transform needs, estimated before anything is decoded: from the stored record
 * (size, frames, format), the options and the output. The transform queue admits work while the sum of
 * these estimates stays within its memory budget (queue.ts), so a burst of heavy renders (50 MP with
 * `trim`, PNG out) runs one after another instead of all at once.
 *
 * The coefficients were measured on this service's pipeline (transform.ts) with sharp 0.35 / libvips 8.18,
 * peak resident memory of one render in a fresh process, 8660×5774 JPEG (bench/results/tmp/calib.ts):
 * → 1920 px WebP+JPEG (renderSmaller) 49 MB, → 3000 px PNG with trim 61 MB, → 320×320 cover 9 MB.
 * libvips streams a decode in strips, so the input costs little per pixel unless an operation needs the
 * whole image at once; the output is held as raw pixels, encoder buffers and the encoded bytes.
 */
import type { OutputFormat } from '@/lib/cloudflare-images/formats';
import type { TransformOptions } from '@/lib/cloudflare-images/options';
import { baseSize, planSize } from '@/lib/cloudflare-images/sizing';

const MB = 1024 * 1024;
/** A render's fixed cost: libvips' per-operation state, thread buffers, the decoder's input buffer. */
const BASE_BYTES = 8 * MB;
/** Per decoded input pixel when libvips can stream the decode (strips through resize). */
const STREAMED_INPUT_BYTES = 0.5;
/** Per decoded input pixel when an operation needs the whole image (a 90° turn, a vertical flip): RGBA. */
const WHOLE_INPUT_BYTES = 4;
/** Per output pixel, one encoding: raw pixels, the encoder's buffers and the encoded bytes. */
const OUTPUT_BYTES = 6;
/** Per output pixel when two encodings are made from one raw buffer (renderSmaller). */
const OUTPUT_TWICE_BYTES = 14;

export interface SourceShape {
  width: number;
  height: number;
  frames: number;
  /** The stored original's format (`jpeg`, `png`, `webp`, `gif`, `avif`). */
  format: string;
}

/**
 * The factor by which the decoder itself can shrink (libvips' shrink-on-load): JPEG by 2, 4 or 8, WebP by
 * any factor; 1 when the options need the full-size pixels first (`trim` cuts before the resize, which
 * sharp then does after a full decode) or for formats without it (PNG, GIF, AVIF).
 */
export function shrinkOnLoad(src: SourceShape, o: TransformOptions, out: { width: number; height: number }): number {
  if (o.trim || src.frames > 1) return 1;
  const base = baseSize(src.width, src.height, o);
  const factor = Math.min(base.width / Math.max(1, out.width), base.height / Math.max(1, out.height));
  if (factor < 2) return 1;
  if (src.format === 'webp') return factor;
  if (src.format !== 'jpeg') return 1;
  return factor >= 8 ? 8 : factor >= 4 ? 4 : 2;
}

/** Estimated peak working memory of one render, in bytes. `twice`: two encodings (renderSmaller). */
export function transformWorkingBytes(
  src: SourceShape,
  o: TransformOptions,
  out: OutputFormat,
  twice: boolean,
): number {
  const planned = planSize(src.width, src.height, o);
  const shrink = shrinkOnLoad(src, o, planned);
  const animated = src.frames > 1 && o.anim && (out === 'webp' || out === 'gif');
  const frames = animated ? src.frames : 1;
  const inputPixels = ((src.width * src.height) / (shrink * shrink)) * frames;
  const whole = o.rotate === 90 || o.rotate === 270 || o.flip === 'v' || o.flip === 'hv';
  const outputPixels = planned.width * planned.height * frames;
  return Math.round(
    BASE_BYTES +
      inputPixels * (whole ? WHOLE_INPUT_BYTES : STREAMED_INPUT_BYTES) +
      outputPixels * (twice ? OUTPUT_TWICE_BYTES : OUTPUT_BYTES),
  );
}
