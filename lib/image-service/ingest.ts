/**
 * Ingest validation: what a file is (magic bytes), whether it is within limits (from the header,
 * before any full decode), whether it decodes, and the privacy-stripped bytes that will be stored.
 * Every refusal is a Cloudflare Images error (4xx) with a sentence a person understands.
 */
import sharp, { type Metadata } from 'sharp';
import type { CaptureInfo } from '@/lib/cloudflare-images/capture-info';
import { badRequest, cfError, unsupportedFormat } from '@/lib/cloudflare-images/errors';
import { CONTENT_TYPES, formatNames, type ImageFormat, type RasterFormat } from '@/lib/cloudflare-images/formats';
import { type ImageLimits, MAX_SVG_BYTES, megabytes } from '@/lib/cloudflare-images/limits';
import { captureInfoFromExif } from './capture';
import { MetadataStripError, stripPrivateMetadata } from './exif-strip';
import { IFD0_TAGS } from './exif-tags';
import { type ReadOptions, readAllowedExif } from './exif-tiff';
import { convertHeic, HeicTooLarge } from './heic';
import { sniffFormat } from './sniff';
import { sanitizeSvgOffThread } from './svg-pool';
import './transform'; // installs the decoder allow-list before sharp sees any upload

export interface PreparedImage {
  bytes: Buffer;
  format: ImageFormat;
  contentType: string;
  /** Upright size (EXIF orientation applied); 0 when an SVG states none. */
  width: number;
  height: number;
  frames: number;
  copyright: string | null;
  /** When and with what the photo was taken, from the kept EXIF (`x_pixvault_exif`); null when none. */
  capture: CaptureInfo | null;
}

/** Per-deployment ingest choices. */
export type IngestOptions = ReadOptions;

const fmt = (n: number) => n.toLocaleString('en-US');

/** How sharp names each raster format in its metadata. */
const SHARP_FORMAT: Record<RasterFormat, string> = {
  jpeg: 'jpeg',
  png: 'png',
  gif: 'gif',
  webp: 'webp',
  avif: 'heif',
};

export function checkBounds(width: number, height: number, frames: number, limits: ImageLimits): void {
  if (width < 1 || height < 1) throw badRequest('The image has no pixels.');
  if (Math.max(width, height) > limits.maxSide) {
    throw badRequest(
      `The image is ${fmt(width)}×${fmt(height)} pixels; the longest side may be at most ${fmt(limits.maxSide)} pixels.`,
    );
  }
  if (width * height > limits.maxPixels) {
    throw badRequest(
      `The image has ${fmt(width * height)} pixels; at most ${fmt(limits.maxPixels)} (${limits.maxPixels / 1e6} megapixels) are allowed.`,
    );
  }
  if (frames > 1 && width * height * frames > limits.maxAnimationPixels) {
    throw cfError(
      5443,
      `The animation has ${fmt(frames)} frames of ${fmt(width)}×${fmt(height)}, ${fmt(width * height * frames)} pixels in all; at most ${fmt(limits.maxAnimationPixels)} are allowed.`,
    );
  }
}

// Decoder warnings that real cameras and phones produce on files that display fine.
const BENIGN_WARNINGS = /extraneous bytes before marker/i;

/**
 * A small decode of every frame proves the file is complete and uncorrupted without holding
 * full-size pixels. Decoder warnings count as damage (scrambled JPEG data only warns), except the
 * few that well-known devices emit on good files.
 */
async function checkDecodes(input: Buffer, format: RasterFormat, frames: number, limits: ImageLimits): Promise<void> {
  const decode = (failOn: 'warning' | 'truncated') =>
    sharp(input, { failOn, animated: frames > 1, limitInputPixels: limits.maxAnimationPixels })
      .resize(32, 32, { fit: 'inside' })
      .raw()
      .toBuffer();
  try {
    await decode('warning');
  } catch (err) {
    const benign = err instanceof Error && BENIGN_WARNINGS.test(err.message);
    if (
      !benign ||
      !(await decode('truncated').then(
        () => true,
        () => false,
      ))
    ) {
      throw badRequest(`The ${format.toUpperCase()} file is damaged or truncated and cannot be decoded.`);
    }
  }
}

async function prepareRaster(
  input: Buffer,
  format: RasterFormat,
  limits: ImageLimits,
  options: IngestOptions,
): Promise<PreparedImage> {
  let meta: Metadata;
  try {
    // Header only: no pixel is decoded until the size is known to be within limits.
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw badRequest(
      `The file starts like a ${format.toUpperCase()} image but could not be read; it is damaged or not really an image.`,
    );
  }
  if (meta.format !== SHARP_FORMAT[format]) {
    throw unsupportedFormat(
      `the file looks like ${format.toUpperCase()} but its content is ${meta.format ?? 'unknown'}.`,
    );
  }
  const frames = Math.max(1, meta.pages ?? 1);
  const w = meta.width ?? 0;
  const h = meta.pageHeight ?? meta.height ?? 0;
  checkBounds(w, h, frames, limits);
  await checkDecodes(input, format, frames, limits);
  let bytes: Buffer;
  try {
    bytes = await stripPrivateMetadata(input, format, options);
  } catch (err) {
    if (err instanceof MetadataStripError)
      throw badRequest(`The ${format.toUpperCase()} file's structure is damaged: ${err.message}`);
    throw err;
  }
  const upright = (meta.orientation ?? 1) >= 5;
  const kept = meta.exif ? readAllowedExif(meta.exif) : undefined;
  const copyright = kept?.ifd0.find((e) => e.tag === IFD0_TAGS.Copyright)?.value;
  return {
    bytes,
    format,
    contentType: CONTENT_TYPES[format],
    width: upright ? h : w,
    height: upright ? w : h,
    frames,
    copyright: copyright ? copyright.toString('utf8').replace(/\0+$/, '').replace(/\0/g, ' / ') : null,
    capture: kept ? captureInfoFromExif(kept) : null,
  };
}

/**
 * Scripts, event handlers, foreign objects and javascript: URLs are refused outright rather than
 * silently removed: the uploader learns that the file was not what it looked like. Everything else
 * the sanitizer removes (external references, style imports) is removed quietly.
 */
function activeSvgContent(input: Buffer): string | null {
  const text = input.toString('utf8');
  if (/<\s*(?:[\w-]+:)?script\b/i.test(text)) return 'a script';
  if (/<\s*(?:[\w-]+:)?foreignObject\b/i.test(text)) return 'a foreignObject (embedded HTML)';
  if (/\son[a-z]+\s*=/i.test(text)) return 'an event handler attribute (on…=)';
  if (/javascript\s*:/i.test(text)) return 'a javascript: URL';
  return null;
}

/** The separate HEIC decode stage: an upright JPEG with the photo's EXIF, refused like any image over the limits. */
async function heicAsJpeg(input: Buffer, limits: ImageLimits): Promise<Buffer> {
  try {
    return await convertHeic(input, limits);
  } catch (err) {
    if (err instanceof HeicTooLarge) checkBounds(err.width, err.height, 1, limits);
    throw err;
  }
}

const fileMegabytes = (input: Buffer) => (input.length / (1024 * 1024)).toFixed(1);

/** Validates an upload and returns what will be stored. Throws a Cloudflare Images error (4xx) on any refusal. */
export async function prepareUpload(
  input: Buffer,
  limits: ImageLimits,
  options: IngestOptions = {},
): Promise<PreparedImage> {
  if (input.length === 0) throw badRequest('The file is empty (0 bytes).');
  if (input.length > limits.maxBytes) {
    throw cfError(5413, `Max file size is ${megabytes(limits.maxBytes)}; this file is ${fileMegabytes(input)} MB.`);
  }
  const format = sniffFormat(input);
  if (format === null) {
    throw unsupportedFormat(`the file is not a ${formatNames('or')} image (its first bytes match none of them).`);
  }
  if (format === 'heic') return prepareRaster(await heicAsJpeg(input, limits), 'jpeg', limits, options);
  if (format === 'svg') {
    if (input.length > MAX_SVG_BYTES) {
      throw cfError(
        5413,
        `SVG files may be at most ${megabytes(MAX_SVG_BYTES)}; this one is ${fileMegabytes(input)} MB.`,
      );
    }
    const active = activeSvgContent(input);
    if (active)
      throw badRequest(
        `The SVG contains ${active}, which this image service does not accept. Remove it and upload again.`,
      );
    const result = await sanitizeSvgOffThread(input);
    if (!result.ok) throw badRequest(result.reason);
    return {
      bytes: result.svg,
      format,
      contentType: CONTENT_TYPES.svg,
      width: result.width ?? 0,
      height: result.height ?? 0,
      frames: 1,
      copyright: null,
      capture: null,
    };
  }
  return prepareRaster(input, format, limits, options);
}
