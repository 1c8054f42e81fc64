/** The sharp pipeline: one function from (original, options, output format) to bytes. */
import sharp, { type Sharp } from 'sharp';
import type { OutputFormat } from '@/lib/cloudflare-images/formats';
import type { Gravity, TransformOptions } from '@/lib/cloudflare-images/options';
import { baseSize, planSize } from '@/lib/cloudflare-images/sizing';

// Only the decoders we accept at ingest are reachable; SVG, TIFF, PDF, VIPS, magick and the rest stay
// blocked even if a file slipped past the magic-byte check (see the libvips decoder CVEs in peers.md).
sharp.block({ operation: ['VipsForeignLoad'] });
sharp.unblock({
  operation: [
    'VipsForeignLoadJpegBuffer',
    'VipsForeignLoadJpegFile',
    'VipsForeignLoadPngBuffer',
    'VipsForeignLoadPngFile',
    'VipsForeignLoadWebpBuffer',
    'VipsForeignLoadWebpFile',
    'VipsForeignLoadNsgifBuffer',
    'VipsForeignLoadNsgifFile',
    'VipsForeignLoadHeifBuffer',
    'VipsForeignLoadHeifFile',
  ],
});
// Deleted images must not linger in libvips' file cache, and memory stays bounded.
sharp.cache({ memory: 64, files: 0, items: 100 });

/** AVIF encoding is the costly step (1.6 s at effort 4 vs 0.44 s at effort 3 for 800 px here). */
export const AVIF_EFFORT = 3;
/** Cloudflare serves AVIF only up to this many pixels on the long side, WebP above. */
export const AVIF_MAX_SIDE = 1200;
export const DEFAULT_QUALITY = 85;

export interface SourceInfo {
  /** Upright size (EXIF orientation applied). */
  width: number;
  height: number;
  frames: number;
  /** Copyright string of the original, for `metadata=copyright`. */
  copyright: string | null;
}

function position(g: Gravity): string {
  if (g.kind === 'side') return g.side;
  if (g.kind === 'auto') return sharp.strategy.attention as unknown as string;
  return 'centre';
}

/** Whether this request renders an animation (all frames) or a still of the first frame. */
export function rendersAnimation(src: SourceInfo, o: TransformOptions, out: OutputFormat): boolean {
  // Rotating or trimming frame by frame is not something sharp does for animations: a still is served.
  return (
    src.frames > 1 && o.anim && (out === 'webp' || out === 'gif') && !o.trim && (o.rotate === 0 || o.rotate === 180)
  );
}

/** Everything up to the encoder: decode, orient, trim, rotate, flip, resize, blur, sharpen. */
function pipeline(
  input: Buffer | string,
  src: SourceInfo,
  o: TransformOptions,
  animated: boolean,
  limitPixels: number,
) {
  let img = sharp(input, {
    animated,
    pages: animated ? -1 : 1,
    failOn: 'error',
    limitInputPixels: limitPixels,
  }).autoOrient();
  if (o.trim) {
    const [top, right, bottom, left] = o.trim;
    img = img.extract({
      left,
      top,
      width: Math.max(1, src.width - left - right),
      height: Math.max(1, src.height - top - bottom),
    });
  }
  if (o.rotate !== 0) img = img.rotate(o.rotate);
  if (o.flip === 'h' || o.flip === 'hv') img = img.flop();
  if (o.flip === 'v' || o.flip === 'hv') img = img.flip();

  const planned = planSize(src.width, src.height, o);
  const background = o.background ?? '#ffffff';
  const g = o.gravity;
  if (o.fit === 'cover' || o.fit === 'crop') {
    if (g.kind === 'point') {
      // Focal-point crop: scale to cover, then cut the window centred on the point.
      const base = baseSize(src.width, src.height, o);
      const scale = Math.max(planned.width / base.width, planned.height / base.height);
      const rw = Math.max(planned.width, Math.round(base.width * scale));
      const rh = Math.max(planned.height, Math.round(base.height * scale));
      const left = Math.min(rw - planned.width, Math.max(0, Math.round(g.x * rw - planned.width / 2)));
      const top = Math.min(rh - planned.height, Math.max(0, Math.round(g.y * rh - planned.height / 2)));
      img = img.resize(rw, rh, { fit: 'fill' }).extract({ left, top, width: planned.width, height: planned.height });
    } else {
      img = img.resize(planned.width, planned.height, { fit: 'cover', position: position(g) });
    }
  } else if (o.fit === 'pad') {
    img = img.resize(planned.width, planned.height, { fit: 'contain', background });
  } else {
    // scale-down, contain, squeeze: the planned size already carries the aspect decision.
    img = img.resize(planned.width, planned.height, { fit: 'fill' });
  }
  if (o.blur > 0) img = img.blur(Math.max(0.3, o.blur / 2));
  if (o.sharpen > 0) img = img.sharpen({ sigma: 0.3 + o.sharpen * 0.25 });
  return { img, planned };
}

function encode(
  img: Sharp,
  src: SourceInfo,
  o: TransformOptions,
  out: OutputFormat,
  planned: { width: number; height: number },
): Promise<Buffer> {
  const background = o.background ?? '#ffffff';
  if (o.metadata === 'keep') img = img.keepMetadata();
  else if (o.metadata === 'copyright' && out === 'jpeg' && src.copyright)
    img = img.withExif({ IFD0: { Copyright: src.copyright } });

  const q = o.quality ?? DEFAULT_QUALITY;
  switch (out) {
    case 'avif':
      return img.avif({ quality: Math.max(1, Math.round(q * 0.75)), effort: AVIF_EFFORT }).toBuffer();
    case 'webp':
      return img.webp({ quality: q, effort: 4 }).toBuffer();
    case 'jpeg': {
      const big = planned.width > 3000 || planned.height > 3000;
      const tiny = planned.width < 50 || planned.height < 50;
      const progressive = o.format !== 'baseline-jpeg' && !big && !tiny;
      return img.flatten({ background }).jpeg({ quality: q, progressive, mozjpeg: true }).toBuffer();
    }
    case 'png':
      return img.png({ palette: o.quality !== undefined, quality: q, compressionLevel: 6 }).toBuffer();
    case 'gif':
      return img.gif().toBuffer();
  }
}

/** `input`: the original's bytes, or the path of its file (libvips then reads it as it decodes). */
export async function render(
  input: Buffer | string,
  src: SourceInfo,
  o: TransformOptions,
  out: OutputFormat,
  limitPixels: number,
): Promise<Buffer> {
  const { img, planned } = pipeline(input, src, o, rendersAnimation(src, o, out), limitPixels);
  return encode(img, src, o, out, planned);
}

/**
 * The smaller of two encodings of the same still: decoded and resized once, encoded twice. For photos
 * where WebP or AVIF comes out larger than the JPEG (fine noise, grain), the JPEG is the better answer
 * to a browser that takes either. Metadata other than `none` is not carried through raw pixels, so
 * those renders (and animations) keep the preferred format.
 */
export async function renderSmaller(
  input: Buffer | string,
  src: SourceInfo,
  o: TransformOptions,
  preferred: OutputFormat,
  fallback: OutputFormat,
  limitPixels: number,
): Promise<{ bytes: Buffer; format: OutputFormat }> {
  if (o.metadata !== 'none' || rendersAnimation(src, o, preferred)) {
    return { bytes: await render(input, src, o, preferred, limitPixels), format: preferred };
  }
  const { img, planned } = pipeline(input, src, o, false, limitPixels);
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  const pixels = () => sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
  // The fallback (JPEG) is encoded in every case: it is either the answer or the size to beat.
  const rival = encode(pixels(), src, o, fallback, planned);
  if (await clearlyLoses(pixels, info, src, o, preferred, fallback, planned))
    return { bytes: await rival, format: fallback };
  const [a, b] = await Promise.all([encode(pixels(), src, o, preferred, planned), rival]);
  return a.length <= b.length ? { bytes: a, format: preferred } : { bytes: b, format: fallback };
}

/** The side of the centre window the two encoders are tried on before the whole image. */
const SAMPLE_SIDE = 160;
/** Below this many output pixels a trial costs too much of a full encode (more than ~1/4) to be worth it. */
const SAMPLE_MIN_PIXELS = 4 * SAMPLE_SIDE * SAMPLE_SIDE;
/**
 * How much larger the preferred format must come out on the window for the full encode to be skipped.
 * Measured WebP/JPEG size ratios, 160 px window vs whole output: 12 MP photo with grain (bench/photo.ts)
 * 1.17 vs 1.20 at 800 px, 1.21 vs 1.26 at 1920 px, 1.04 vs 1.12 at 640 px; a smooth photo 0.77 vs 0.80
 * and 0.64 vs 0.66. The window never overstated the loss, and a margin of 10% covers the spread.
 */
const CLEAR_LOSS = 1.1;

/**
 * Whether the preferred encoding (WebP) will clearly come out larger than the fallback (JPEG), judged by
 * encoding both on a centre window of the same pixels (~1/20 of the work at 800 px): then only the JPEG is
 * made, which skips the costliest encode on grainy photos (the extra encode was what made cold renders
 * 1.8× raw sharp on the bench, case 2). Serving the JPEG never breaks "WebP never larger than the JPEG";
 * a misjudged window can only cost the few percent WebP would have saved. The price: where WebP wins, its
 * full encode starts after the trial (~10 ms at 800 px), where it used to start beside the JPEG's. AVIF is not judged this way
 * (its encoder's speed differs too much between a window and the whole).
 */
async function clearlyLoses(
  pixels: () => Sharp,
  info: { width: number; height: number },
  src: SourceInfo,
  o: TransformOptions,
  preferred: OutputFormat,
  fallback: OutputFormat,
  planned: { width: number; height: number },
): Promise<boolean> {
  if (preferred !== 'webp' || info.width * info.height < SAMPLE_MIN_PIXELS) return false;
  const side = Math.min(SAMPLE_SIDE, info.width, info.height);
  const window = () =>
    pixels().extract({
      left: (info.width - side) >> 1,
      top: (info.height - side) >> 1,
      width: side,
      height: side,
    });
  const [a, b] = await Promise.all([
    encode(window(), src, o, preferred, planned),
    encode(window(), src, o, fallback, planned),
  ]);
  return a.length >= b.length * CLEAR_LOSS;
}
