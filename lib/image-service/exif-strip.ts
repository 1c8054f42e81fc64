/**
 * Removes private metadata (GPS, serial numbers, MakerNotes, XMP, IPTC, comments) from
 * uploaded originals before they are stored.
 *
 * The policy is an allowlist: container pieces needed to decode and colour the image are
 * kept byte-for-byte, plus a freshly built EXIF holding only the tags of exif-tags.ts
 * (orientation, artist, copyright, when and with what camera the photo was taken, and GPS
 * only where the deployment keeps location). Nothing else from the old EXIF is copied, so
 * unknown or vendor-specific tags cannot leak. Pixels are never re-encoded except for AVIF
 * (see stripAvif).
 *
 * Why a hand-written TIFF rewrite rather than sharp's `withExif`: sharp can only write EXIF
 * while re-encoding, which would recompress every JPEG/WebP and lose bit-exact originals;
 * rewriting the container keeps the pixels untouched, and only tags we name can be written.
 */
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import type { RasterFormat } from '@/lib/cloudflare-images/formats';
import { EXIF_TAGS, IFD0_TAGS } from './exif-tags';
import {
  type AllowedExif,
  type ExifEntry,
  isEmptyExif,
  type ReadOptions,
  readAllowedExif,
  writeAllowedExif,
} from './exif-tiff';
import { stripGif } from './gif-strip';

export class MetadataStripError extends Error {
  override readonly name = 'MetadataStripError';
}

/** Returns the bytes with private metadata removed. Pixel data is untouched for jpeg/png/webp/gif. Throws MetadataStripError on structurally invalid input. */
export async function stripPrivateMetadata(
  input: Buffer,
  format: RasterFormat,
  options: ReadOptions = {},
): Promise<Buffer> {
  switch (format) {
    case 'jpeg':
      return stripJpeg(input, options);
    case 'png':
      return stripPng(input, options);
    case 'webp':
      return stripWebp(input, options);
    case 'gif':
      return stripGif(input);
    case 'avif':
      return stripAvif(input);
  }
}

const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');
const startsWith = (data: Buffer, prefix: Buffer): boolean =>
  data.length >= prefix.length && data.subarray(0, prefix.length).equals(prefix);
const rebuiltExif = (exif: AllowedExif | undefined): Buffer | undefined =>
  exif === undefined || isEmptyExif(exif) ? undefined : writeAllowedExif(exif);

// ---------------------------------------------------------------- JPEG

const JPEG_SOI = Buffer.from([0xff, 0xd8]);
const JFIF_ID = latin1('JFIF\0');
const EXIF_ID = latin1('Exif\0\0');
const ICC_ID = latin1('ICC_PROFILE\0');
const ADOBE_ID = latin1('Adobe');
const MAX_SEGMENT_PAYLOAD = 0xffff - 2;

function stripJpeg(input: Buffer, options: ReadOptions): Buffer {
  if (!startsWith(input, JPEG_SOI)) throw new MetadataStripError('JPEG: missing SOI marker');
  const jfif: Buffer[] = [];
  const rest: Buffer[] = [];
  let exif: AllowedExif | undefined;
  let pos = 2;
  for (;;) {
    if (input[pos] !== 0xff) throw new MetadataStripError(`JPEG: expected a marker at offset ${pos}`);
    while (input[pos] === 0xff) pos++; // fill bytes may precede any marker
    const marker = input[pos];
    pos++;
    if (marker === undefined) throw new MetadataStripError('JPEG: truncated before start of scan');
    if (marker === 0x00 || marker === 0xd8 || marker === 0xd9) {
      throw new MetadataStripError(`JPEG: unexpected marker 0x${marker.toString(16)} before start of scan`);
    }
    // TEM and RSTn carry no payload and mean nothing before the scan, so they are dropped.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    if (pos + 2 > input.length) throw new MetadataStripError('JPEG: truncated segment length');
    const length = input.readUInt16BE(pos);
    if (length < 2 || pos + length > input.length) throw new MetadataStripError('JPEG: truncated segment');
    // The marker byte and one 0xFF before it; any extra fill bytes are not reproduced.
    const segment = input.subarray(pos - 2, pos + length);
    const payload = input.subarray(pos + 2, pos + length);
    if (marker === 0xda) {
      rest.push(...copyScans(input, pos - 2));
      break;
    }
    pos += length;
    const isApp = marker >= 0xe0 && marker <= 0xef;
    if (marker === 0xe0 && startsWith(payload, JFIF_ID)) jfif.push(segment);
    else if (marker === 0xe1 && startsWith(payload, EXIF_ID))
      exif ??= readAllowedExif(payload.subarray(EXIF_ID.length), options);
    else if (marker === 0xe2 && startsWith(payload, ICC_ID)) rest.push(segment);
    else if (marker === 0xee && startsWith(payload, ADOBE_ID))
      rest.push(segment); // colour transform flag
    else if (isApp || marker === 0xfe)
      continue; // any other APPn (XMP, IPTC, MPF, vendor) and COM
    else rest.push(segment); // DQT/DHT/SOFn/DRI/DAC...: coding structure, no free-form text
  }

  const tiff = rebuiltExif(exif);
  const exifSegment: Buffer[] = [];
  if (tiff) {
    const payload = Buffer.concat([EXIF_ID, tiff]);
    // Cannot happen for JPEG input (the source EXIF fitted one segment and ours is a subset).
    if (payload.length > MAX_SEGMENT_PAYLOAD) throw new MetadataStripError('JPEG: rebuilt EXIF too large');
    const header = Buffer.from([0xff, 0xe1, 0, 0]);
    header.writeUInt16BE(payload.length + 2, 2);
    exifSegment.push(header, payload);
  }
  // JFIF requires APP0 directly after SOI; Exif comes next by convention.
  return Buffer.concat([JPEG_SOI, ...jfif, ...exifSegment, ...rest]);
}

/**
 * Copies the scans verbatim (pixels stay bit-identical) from the first SOS up to and including
 * the EOI that ends the primary image. Bytes after it are dropped: phones append MPF secondary
 * images, depth/gain maps and motion-photo video there, each with its own EXIF/GPS. EOI is found
 * by walking segments and entropy-coded data, as FF D9 can also occur in payloads and trailers.
 */
function copyScans(input: Buffer, sos: number): Buffer[] {
  const kept: Buffer[] = [];
  let from = sos; // start of the bytes not yet pushed to kept
  let pos = sos; // always at the 0xFF of a marker
  for (;;) {
    const marker = input[pos + 1] ?? 0;
    if (marker === 0xd9) return [...kept, input.subarray(from, pos + 2)];
    if (marker === 0x01 || marker === 0xd8) {
      throw new MetadataStripError(`JPEG: unexpected marker 0x${marker.toString(16)} after start of scan`);
    }
    if (pos + 4 > input.length) throw new MetadataStripError('JPEG: truncated segment length');
    const end = pos + 2 + input.readUInt16BE(pos + 2); // SOS, DHT, DQT, DRI, DNL, APPn, COM...
    if (end < pos + 4 || end > input.length) throw new MetadataStripError('JPEG: truncated segment');
    if ((marker >= 0xe0 && marker <= 0xef) || marker === 0xfe) {
      kept.push(input.subarray(from, pos)); // APPn and COM between scans are dropped as well
      from = end;
    }
    // Entropy-coded data follows SOS (other segments are followed directly by a marker):
    // FF 00 is a stuffed byte, FF D0-D7 a restart marker, FF FF fill; any other marker ends it.
    for (pos = end; ; ) {
      pos = input.indexOf(0xff, pos);
      if (pos < 0 || pos + 1 >= input.length) throw new MetadataStripError('JPEG has no end-of-image marker');
      const next = input[pos + 1] ?? 0;
      if (next === 0xff) pos += 1;
      else if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) pos += 2;
      else break;
    }
  }
}

// ---------------------------------------------------------------- PNG

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/**
 * Ancillary chunks that affect how pixels are decoded or displayed. cICP/mDCV/cLLI (PNG 3rd
 * edition HDR colour description) are kept for the same reason as iCCP.
 */
const PNG_KEEP = new Set([
  'tRNS',
  'iCCP',
  'sRGB',
  'gAMA',
  'cHRM',
  'pHYs',
  'sBIT',
  'bKGD',
  'acTL',
  'fcTL',
  'fdAT',
  'cICP',
  'mDCV',
  'cLLI',
]);
const PNG_TEXT_KEEP = new Set(['Copyright', 'Author']);

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, crc]);
}

function stripPng(input: Buffer, options: ReadOptions): Buffer {
  if (!startsWith(input, PNG_SIGNATURE)) throw new MetadataStripError('PNG: bad signature');
  const kept: { type: string; raw: Buffer }[] = [];
  let exif: AllowedExif | undefined;
  let pos = PNG_SIGNATURE.length;
  for (;;) {
    if (pos + 12 > input.length) throw new MetadataStripError('PNG: truncated before IEND');
    const length = input.readUInt32BE(pos);
    const type = input.toString('latin1', pos + 4, pos + 8);
    if (length > 0x7fffffff || !/^[A-Za-z]{4}$/.test(type)) throw new MetadataStripError(`PNG: bad chunk at ${pos}`);
    const end = pos + 12 + length;
    if (end > input.length) throw new MetadataStripError(`PNG: truncated ${type} chunk`);
    const data = input.subarray(pos + 8, pos + 8 + length);
    const raw = input.subarray(pos, end);
    pos = end;
    const critical = (type.charCodeAt(0) & 0x20) === 0; // decoders must fail on unknown critical chunks anyway
    if (type === 'eXIf') exif ??= readAllowedExif(data, options);
    else if (critical || PNG_KEEP.has(type)) kept.push({ type, raw });
    else if (type === 'tEXt' && PNG_TEXT_KEEP.has(data.toString('latin1', 0, Math.max(0, data.indexOf(0))))) {
      kept.push({ type, raw });
    }
    // Bytes after IEND are not part of the image and are dropped.
    if (type === 'IEND') break;
  }
  if (kept[0]?.type !== 'IHDR') throw new MetadataStripError('PNG: IHDR is not the first chunk');

  const tiff = rebuiltExif(exif);
  if (tiff) {
    // eXIf must precede the image data; for APNG that starts at the default image's fcTL.
    const at = kept.findIndex((c) => c.type === 'IDAT' || c.type === 'fcTL');
    if (at < 0) throw new MetadataStripError('PNG: no IDAT chunk');
    kept.splice(at, 0, { type: 'eXIf', raw: pngChunk('eXIf', tiff) });
  }
  return Buffer.concat([PNG_SIGNATURE, ...kept.map((c) => c.raw)]);
}

// ---------------------------------------------------------------- WebP

const WEBP_KEEP = new Set(['ICCP', 'ANIM', 'ANMF', 'ALPH', 'VP8 ', 'VP8L']);
const VP8X_FLAG_EXIF = 0x08;
const VP8X_FLAG_XMP = 0x04;

interface RiffChunk {
  fourcc: string;
  payload: Buffer;
}

function riffChunk({ fourcc, payload }: RiffChunk): Buffer[] {
  const head = Buffer.alloc(8);
  head.write(fourcc, 0, 'latin1');
  head.writeUInt32LE(payload.length, 4);
  return payload.length % 2 === 1 ? [head, payload, Buffer.alloc(1)] : [head, payload];
}

function webpFile(chunks: RiffChunk[]): Buffer {
  const body = Buffer.concat([latin1('WEBP'), ...chunks.flatMap(riffChunk)]);
  const head = Buffer.alloc(8);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body]);
}

function stripWebp(input: Buffer, options: ReadOptions): Buffer {
  if (input.length < 12 || input.toString('latin1', 0, 4) !== 'RIFF' || input.toString('latin1', 8, 12) !== 'WEBP') {
    throw new MetadataStripError('WebP: not a RIFF/WEBP file');
  }
  const riffEnd = 8 + input.readUInt32LE(4);
  if (riffEnd > input.length) throw new MetadataStripError('WebP: truncated RIFF');
  const chunks: RiffChunk[] = [];
  for (let pos = 12; pos < riffEnd; ) {
    if (pos + 8 > riffEnd) throw new MetadataStripError('WebP: truncated chunk header');
    const size = input.readUInt32LE(pos + 4);
    if (pos + 8 + size > riffEnd) throw new MetadataStripError('WebP: truncated chunk');
    chunks.push({ fourcc: input.toString('latin1', pos, pos + 4), payload: input.subarray(pos + 8, pos + 8 + size) });
    pos += 8 + size + (size % 2);
  }
  const [first, ...others] = chunks;
  if (first === undefined) throw new MetadataStripError('WebP: no chunks');

  if (first.fourcc === 'VP8 ' || first.fourcc === 'VP8L') {
    // The simple format has no place for metadata; only non-conforming trailers are cut.
    return chunks.length === 1 && riffEnd === input.length ? input : webpFile([first]);
  }
  if (first.fourcc !== 'VP8X' || first.payload.length < 10) throw new MetadataStripError('WebP: bad first chunk');

  let exif: AllowedExif | undefined;
  const kept: RiffChunk[] = [];
  for (const chunk of others) {
    if (chunk.fourcc === 'EXIF') exif ??= readAllowedExif(chunk.payload, options);
    else if (WEBP_KEEP.has(chunk.fourcc)) kept.push(chunk);
  }
  const tiff = rebuiltExif(exif);
  const vp8x = Buffer.from(first.payload);
  // Readers trust these flags to locate metadata, so they must match the chunks written.
  vp8x[0] = ((vp8x[0] ?? 0) & ~(VP8X_FLAG_EXIF | VP8X_FLAG_XMP)) | (tiff ? VP8X_FLAG_EXIF : 0);
  // The spec orders EXIF after the image data.
  return webpFile([{ fourcc: 'VP8X', payload: vp8x }, ...kept, ...(tiff ? [{ fourcc: 'EXIF', payload: tiff }] : [])]);
}

// ---------------------------------------------------------------- AVIF

/**
 * AVIF metadata lives in ISOBMFF items (iinf/iloc/iref); rewriting them safely is out of
 * scope, so files that carry EXIF or XMP are RE-ENCODED. This path is LOSSY: pixels are
 * recompressed at quality 90, orientation is baked in, and 10/12-bit depth, animation and
 * auxiliary images (gain maps, depth) may be lost. The kept IFD0 and Exif tags are written
 * back through sharp; GPS never is on this path. Files without EXIF/XMP pass unchanged.
 */
async function stripAvif(input: Buffer): Promise<Buffer> {
  const meta = await sharp(input)
    .metadata()
    .catch((cause: unknown) => {
      throw new MetadataStripError('AVIF: unreadable container', { cause });
    });
  if (!meta.exif && !meta.xmp) return input;

  const allowed = meta.exif ? readAllowedExif(meta.exif) : undefined;
  // Orientation is baked into the pixels by autoOrient, so it is not written again.
  const ifd0 = allowed ? sharpTags(allowed.ifd0, IFD0_TAGS, ['Orientation']) : {};
  const ifd2 = allowed ? sharpTags(allowed.exif, EXIF_TAGS, []) : {};
  let pipeline = sharp(input).autoOrient().keepIccProfile();
  if (Object.keys(ifd0).length + Object.keys(ifd2).length > 0) pipeline = pipeline.withExif({ IFD0: ifd0, IFD2: ifd2 });
  try {
    return await pipeline.avif({ quality: 90, effort: 4 }).toBuffer();
  } catch (cause) {
    throw new MetadataStripError('AVIF: re-encode failed', { cause });
  }
}

/** Kept entries as libvips' string form (text, numbers, `n/d` rationals), keyed by EXIF tag name. */
function sharpTags(entries: ExifEntry[], names: Readonly<Record<string, number>>, skip: string[]) {
  const out: Record<string, string> = {};
  for (const [name, tag] of Object.entries(names)) {
    const e = entries.find((x) => x.tag === tag);
    if (!e || skip.includes(name)) continue;
    if (e.type === 2) out[name] = e.value.toString('utf8').replace(/\0/g, ' / ');
    else if (e.type === 3) out[name] = String(e.value.readUInt16LE(0));
    else if (e.type === 4) out[name] = String(e.value.readUInt32LE(0));
    else if (e.type === 5) out[name] = `${e.value.readUInt32LE(0)}/${e.value.readUInt32LE(4)}`;
  }
  return out;
}
