/** Test images, made on the fly so the repository carries no binary fixtures. */
import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';

export function jpeg(width = 640, height = 480, color = '#3366cc'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: color } })
    .jpeg({ quality: 80 })
    .toBuffer();
}

/** A photo-like JPEG with EXIF orientation 6 (rotate 90° CW to view), GPS and a serial number. */
export async function cameraJpeg(width = 400, height = 300): Promise<Buffer> {
  // Left half red, right half blue, so orientation is visible in pixels.
  const left = await sharp({ create: { width: width / 2, height, channels: 3, background: '#ff0000' } })
    .png()
    .toBuffer();
  return sharp({ create: { width, height, channels: 3, background: '#0000ff' } })
    .composite([{ input: left, left: 0, top: 0 }])
    .jpeg()
    .withExif({
      IFD0: { Copyright: 'Jane Doe', Make: 'TestCam', Model: 'X1' },
      IFD2: { BodySerialNumber: 'SERIAL12345' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '48/1 51/1 2405/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '2/1 21/1 0/1',
      },
    })
    .toBuffer()
    .then((buf) => setJpegOrientation(buf, 6));
}

/** Rewrites the Orientation value in a JPEG's EXIF (sharp writes 1 there). */
function setJpegOrientation(buf: Buffer, orientation: number): Buffer {
  const out = Buffer.from(buf);
  const exif = out.indexOf(Buffer.from('Exif\0\0', 'latin1'));
  const tiff = exif + 6;
  const le = out.toString('latin1', tiff, tiff + 2) === 'II';
  const u16 = (o: number) => (le ? out.readUInt16LE(o) : out.readUInt16BE(o));
  const ifd = tiff + (le ? out.readUInt32LE(tiff + 4) : out.readUInt32BE(tiff + 4));
  for (let i = 0; i < u16(ifd); i++) {
    const entry = ifd + 2 + i * 12;
    if (u16(entry) === 0x0112) {
      if (le) out.writeUInt16LE(orientation, entry + 8);
      else out.writeUInt16BE(orientation, entry + 8);
      return out;
    }
  }
  throw new Error('no Orientation tag to rewrite');
}

/** A JPEG of random pixels: large enough that cutting or scrambling it really damages the scan data. */
export function noisyJpeg(width = 400, height = 300): Promise<Buffer> {
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 80 })
    .toBuffer();
}

export function png(width = 300, height = 200, alpha = true): Promise<Buffer> {
  return sharp({
    create: { width, height, channels: alpha ? 4 : 3, background: { r: 10, g: 200, b: 90, alpha: alpha ? 0.5 : 1 } },
  })
    .png()
    .toBuffer();
}

export function webp(width = 320, height = 240): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#884422' } })
    .webp()
    .toBuffer();
}

export async function animatedGif(frames = 3, width = 60, height = 40): Promise<Buffer> {
  const colors = ['#ff0000', '#00ff00', '#0000ff', '#ffff00'];
  const inputs = await Promise.all(
    Array.from({ length: frames }, (_, i) =>
      sharp({ create: { width, height, channels: 4, background: colors[i % colors.length] ?? '#000' } })
        .png()
        .toBuffer(),
    ),
  );
  return sharp(inputs, { join: { animated: true } })
    .gif({ delay: 100 })
    .toBuffer();
}

/** A valid 1-bit PNG of `width`×`height` that is tiny on disk: a decompression bomb. */
export function bombPng(width = 20_000, height = 20_000): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = (crcTable[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = Buffer.alloc((Math.ceil(width / 8) + 1) * height);
  return Buffer.concat([
    Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const BENIGN_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80" viewBox="0 0 120 80">
  <rect width="120" height="80" fill="#36c"/><circle cx="60" cy="40" r="20" fill="#fc3"/></svg>`;

export const HOSTILE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="100" onload="alert('svg-onload')">
  <script>alert('svg-script')</script>
  <rect width="100" height="100" fill="red" onclick="alert('svg-click')"/>
  <a xlink:href="javascript:alert('svg-link')"><text y="20">x</text></a>
  <foreignObject width="10" height="10"><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/"/></foreignObject>
</svg>`;

/** No scripts or handlers, but external references the sanitizer must remove quietly. */
export const LEAKY_SVG = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="100">
  <style>@import url(https://evil.example/x.css); rect { fill: url(https://evil.example/p.png) }</style>
  <image href="https://evil.example/track.png" width="10" height="10"/>
  <use xlink:href="https://evil.example/sprite.svg#a"/>
  <a href="&#106;avascript&#58;alert(1)"><text y="20">x</text></a>
  <rect width="100" height="100" fill="#36c"/>
</svg>`;

/**
 * A GIF whose logical screen is `width`×`height` with `frames` tiny 1×1 frames: a few hundred bytes
 * that decode to width×height×frames pixels (an animation bomb).
 */
export function bombGif(width: number, height: number, frames: number): Buffer {
  const parts: Buffer[] = [Buffer.from('GIF89a', 'latin1')];
  const screen = Buffer.alloc(7);
  screen.writeUInt16LE(width, 0);
  screen.writeUInt16LE(height, 2);
  screen[4] = 0x80; // global colour table of 2 entries
  parts.push(screen, Buffer.from([0, 0, 0, 255, 255, 255]));
  parts.push(Buffer.from([0x21, 0xff, 0x0b, ...Buffer.from('NETSCAPE2.0', 'latin1'), 0x03, 0x01, 0x00, 0x00, 0x00]));
  for (let i = 0; i < frames; i++) {
    parts.push(Buffer.from([0x21, 0xf9, 0x04, 0x00, 0x0a, 0x00, 0x00, 0x00])); // 100 ms per frame
    const desc = Buffer.alloc(10);
    desc[0] = 0x2c;
    desc.writeUInt16LE(1, 5);
    desc.writeUInt16LE(1, 7);
    parts.push(desc, Buffer.from([0x02, 0x02, 0x44, 0x01, 0x00])); // LZW min code 2, one pixel
  }
  parts.push(Buffer.from([0x3b]));
  return Buffer.concat(parts);
}

export async function animatedWebp(frames = 3, width = 60, height = 40): Promise<Buffer> {
  const gif = await animatedGif(frames, width, height);
  return sharp(gif, { animated: true }).webp().toBuffer();
}

export function avif(width = 200, height = 150): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#2a9d8f' } })
    .avif({ quality: 60 })
    .toBuffer();
}
