/**
 * Raster cases: decompression bombs (huge sizes declared in tiny files), polyglots (an image that is
 * also a script, page or archive), and each format cut off mid-stream.
 */
import sharp from 'sharp';
import { bombGif, bombPng } from '../helpers/images';
import {
  HTML,
  latin1,
  losslessWebp,
  noise,
  noiseJpeg,
  noisePng,
  pngChunk,
  withJpegSize,
  withPngChunk,
  withPngSize,
  withWebpCanvas,
  zip,
} from './bytes';
import {
  accepted,
  type CaseInput,
  GIF_FILE,
  type HostileCase,
  inCategory,
  JPEG_FILE,
  PNG_FILE,
  refused,
  SVG_FILE,
  WEBP_FILE,
} from './case';

const TOO_WIDE = /longest side may be at most 12,000 pixels/;
const TOO_MANY_PIXELS = /at most 100,000,000 \(100 megapixels\)/;
const DAMAGED = refused(400, /damaged or truncated|could not be read|structure is damaged/);

/**
 * A tiny GIF: one frame of `frame` size holding a single pixel of data, on a logical screen of
 * `width`×`height`, with `tail` after its trailer. (Decoders take the size from the frame when the
 * screen is absurdly larger, so a bomb must declare both.)
 */
function gifScreen(
  width: number,
  height: number,
  frame: [number, number] = [1, 1],
  tail: Buffer = Buffer.alloc(0),
): Buffer {
  const head = Buffer.alloc(13);
  head.write('GIF89a', 0, 'latin1');
  head.writeUInt16LE(width, 6);
  head.writeUInt16LE(height, 8);
  head[10] = 0x80; // a global colour table of 2 entries
  const descriptor = Buffer.alloc(10);
  descriptor[0] = 0x2c;
  descriptor.writeUInt16LE(frame[0], 5);
  descriptor.writeUInt16LE(frame[1], 7);
  return Buffer.concat([
    head,
    Buffer.from([0, 0, 0, 255, 255, 255]),
    descriptor,
    Buffer.from([0x02, 0x02, 0x44, 0x01, 0x00, 0x3b]),
    tail,
  ]);
}

async function noiseGif(frames: number): Promise<Buffer> {
  const inputs = await Promise.all(
    Array.from({ length: frames }, (_, i) =>
      sharp(noise(80 * 60 * 3, i + 1), { raw: { width: 80, height: 60, channels: 3 } })
        .png()
        .toBuffer(),
    ),
  );
  return sharp(inputs, { join: { animated: true } })
    .gif()
    .toBuffer();
}

const cut = (bytes: Buffer, fraction: number) => bytes.subarray(0, Math.floor(bytes.length * fraction));

export async function bombs(): Promise<HostileCase[]> {
  const jpeg = await noiseJpeg(64, 48);
  const png = await noisePng(16, 16);
  const animated = await sharp(
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        sharp({ create: { width: 16, height: 16, channels: 3, background: { r: i * 20, g: 0, b: 0 } } })
          .png()
          .toBuffer(),
      ),
    ),
    { join: { animated: true } },
  )
    .webp()
    .toBuffer();
  const file = (bytes: Buffer, kind: { filename: string; type: string } = JPEG_FILE) => ({ bytes, ...kind });
  return inCategory('bomb', [
    {
      name: 'PNG whose IHDR declares 50,000 × 50,000 over 16 × 16 of data',
      file: file(withPngSize(png, 50_000, 50_000), PNG_FILE),
      expected: refused(400, TOO_WIDE),
    },
    {
      name: 'PNG of 11,000 × 11,000 (121 MP) deflated to a few KB',
      file: file(bombPng(11_000, 11_000), PNG_FILE),
      expected: refused(400, TOO_MANY_PIXELS),
    },
    {
      name: 'JPEG whose SOF declares 60,000 × 60,000',
      file: file(withJpegSize(jpeg, 60_000, 60_000)),
      expected: refused(400, TOO_WIDE),
    },
    {
      name: 'JPEG whose SOF declares 11,000 × 10,000 (110 MP, both sides within 12,000)',
      file: file(withJpegSize(jpeg, 11_000, 10_000)),
      expected: refused(400, TOO_MANY_PIXELS),
    },
    {
      name: 'GIF whose screen and frame declare 65,535 × 65,535 over one pixel of data',
      file: file(gifScreen(65_535, 65_535, [65_535, 65_535]), GIF_FILE),
      expected: refused(400, TOO_WIDE),
    },
    {
      name: 'GIF whose screen and frame declare 11,000 × 11,000',
      file: file(gifScreen(11_000, 11_000, [11_000, 11_000]), GIF_FILE),
      expected: refused(400, TOO_MANY_PIXELS),
    },
    {
      name: 'GIF animation bomb: 101 frames of 1,000 × 1,000 in 2 KB',
      file: file(bombGif(1000, 1000, 101), GIF_FILE),
      expected: refused(400, /101 frames of 1,000×1,000/),
    },
    {
      name: 'lossless WebP whose VP8L header declares 16,383 × 16,383 (its largest)',
      file: file(await losslessWebp(16_383, 16_383), WEBP_FILE),
      expected: refused(400, TOO_WIDE),
    },
    {
      name: 'lossless WebP whose VP8L header declares 11,000 × 11,000',
      file: file(await losslessWebp(11_000, 11_000), WEBP_FILE),
      expected: refused(400, TOO_MANY_PIXELS),
    },
    {
      name: 'animated WebP: 12 frames on a VP8X canvas of 3,000 × 3,000 (108 MP in all)',
      file: file(withWebpCanvas(animated, 3000, 3000), WEBP_FILE),
      expected: refused(400, /12 frames of 3,000×3,000/),
    },
  ]);
}

export async function polyglots(): Promise<HostileCase[]> {
  const jpeg = await noiseJpeg(64, 48);
  const png = await noisePng(16, 16);
  const webp = await sharp(noise(32 * 32 * 3, 3), { raw: { width: 32, height: 32, channels: 3 } })
    .webp()
    .toBuffer();
  const comment = Buffer.concat([Buffer.from([0xff, 0xfe, 0, HTML.length + 2]), HTML]);
  const svgText = latin1('Comment\0<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
  const script = /<script/i;
  return inCategory('polyglot', [
    {
      // As JavaScript: `GIF89a/*<binary>*/=alert(document.domain)//` assigns to a global.
      name: 'GIF/JavaScript polyglot (screen size bytes open a comment, script after the trailer)',
      file: { bytes: gifScreen(0x2a2f, 1, [1, 1], latin1('*/=alert(document.domain)//')), ...GIF_FILE },
      expected: accepted(/alert\(document\.domain\)/),
    },
    {
      name: 'JPEG with an HTML page after its end-of-image marker',
      file: { bytes: Buffer.concat([jpeg, HTML]), ...JPEG_FILE },
      expected: accepted(script, /<html/i),
    },
    {
      name: 'JPEG with a ZIP archive appended (JPEG/ZIP polyglot)',
      file: { bytes: Buffer.concat([jpeg, zip('payload.html', HTML)]), ...JPEG_FILE },
      expected: accepted(/payload\.html/, script), // the archive's file name
    },
    {
      name: 'JPEG with an HTML page in a COM segment',
      file: { bytes: Buffer.concat([jpeg.subarray(0, 2), comment, jpeg.subarray(2)]), ...JPEG_FILE },
      expected: accepted(script),
    },
    {
      name: 'PNG carrying an SVG with onload in a tEXt chunk',
      file: { bytes: withPngChunk(png, pngChunk('tEXt', svgText)), ...PNG_FILE },
      expected: accepted(/<svg/i, /onload/i),
    },
    {
      name: 'PNG with an HTML page after IEND',
      file: { bytes: Buffer.concat([png, HTML]), ...PNG_FILE },
      expected: accepted(script),
    },
    {
      name: 'WebP with an HTML page after its RIFF chunk',
      file: { bytes: Buffer.concat([webp, HTML]), ...WEBP_FILE },
      expected: accepted(script),
    },
    {
      name: 'HTML page behind a PNG signature',
      file: { bytes: Buffer.concat([latin1('\x89PNG\r\n\x1a\n'), HTML]), ...PNG_FILE },
      expected: refused(400, /PNG/),
    },
    {
      name: 'HTML page behind a GIF signature',
      file: { bytes: Buffer.concat([latin1('GIF89a'), HTML]), ...GIF_FILE },
      expected: refused(400, /GIF/),
    },
    {
      name: 'HTML page behind JPEG magic bytes',
      file: { bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), HTML]), ...JPEG_FILE },
      expected: refused(400, /JPEG/),
    },
  ]);
}

export async function truncations(): Promise<HostileCase[]> {
  const jpeg = await noiseJpeg(200, 150);
  const png = await noisePng(120, 90);
  const gif = await noiseGif(3);
  const webp = await sharp(noise(120 * 90 * 3, 5), { raw: { width: 120, height: 90, channels: 3 } })
    .webp()
    .toBuffer();
  const avif = await sharp(noise(64 * 64 * 3, 9), { raw: { width: 64, height: 64, channels: 3 } })
    .avif({ quality: 50, effort: 0 })
    .toBuffer();
  const svg = latin1(
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="#36c"/><circ',
  );
  const damaged: CaseInput[] = [
    { name: 'JPEG cut at half of its scan data', file: { bytes: cut(jpeg, 0.5), ...JPEG_FILE }, expected: DAMAGED },
    { name: 'JPEG cut inside its headers', file: { bytes: jpeg.subarray(0, 120), ...JPEG_FILE }, expected: DAMAGED },
    { name: 'PNG cut in the middle of IDAT', file: { bytes: cut(png, 0.5), ...PNG_FILE }, expected: DAMAGED },
    { name: 'PNG cut right after IHDR', file: { bytes: png.subarray(0, 33), ...PNG_FILE }, expected: DAMAGED },
    { name: 'animated GIF cut in its second frame', file: { bytes: cut(gif, 0.5), ...GIF_FILE }, expected: DAMAGED },
    { name: 'WebP cut at half', file: { bytes: cut(webp, 0.5), ...WEBP_FILE }, expected: DAMAGED },
    {
      name: 'AVIF cut at half',
      file: { bytes: cut(avif, 0.5), filename: 'image.avif', type: 'image/avif' },
      expected: DAMAGED,
    },
  ];
  return inCategory('truncation', [
    ...damaged,
    {
      name: 'SVG cut in the middle of an element',
      file: { bytes: svg, ...SVG_FILE },
      expected: refused(400, /could not be parsed as XML/),
    },
  ]);
}
