/**
 * Byte-level builders for the hostile corpus: seeded noise, PNG chunks, JPEG and WebP header patches,
 * and the magic numbers of files that are not images. Everything is made by code, so the repository
 * carries no binary fixture and every case can be read here.
 */
import { crc32 } from 'node:zlib';
import sharp from 'sharp';

/** Deterministic pseudo-random bytes (xorshift32): the corpus is byte-identical on every run. */
export function noise(length: number, seed = 0x9e3779b9): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** A photo-like JPEG whose scan data is noise, so cutting or patching it really damages the pixels. */
export function noiseJpeg(width: number, height: number): Promise<Buffer> {
  return sharp(noise(width * height * 3), { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 80 })
    .toBuffer();
}

export function noisePng(width: number, height: number): Promise<Buffer> {
  return sharp(noise(width * height * 3, 7), { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

export const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');

// ---------------------------------------------------------------- PNG

export function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const sum = Buffer.alloc(4);
  sum.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, sum]);
}

/** `png` with `chunk` inserted right before IEND (the last 12 bytes of a PNG sharp wrote). */
export function withPngChunk(png: Buffer, chunk: Buffer): Buffer {
  return Buffer.concat([png.subarray(0, png.length - 12), chunk, png.subarray(png.length - 12)]);
}

/** `png` claiming `width`×`height` in its IHDR (checksum fixed), its pixel data unchanged. */
export function withPngSize(png: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(png);
  const ihdr = out.subarray(16, 29); // after the signature, IHDR's length and type
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  out.writeUInt32BE(crc32(ihdr, crc32(latin1('IHDR'))), 29);
  return out;
}

// ---------------------------------------------------------------- JPEG

/** `jpeg` claiming `width`×`height` in its frame header (SOF0/SOF2), its scan data unchanged. */
export function withJpegSize(jpeg: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(jpeg);
  for (let pos = 2; pos + 4 <= out.length; pos += 2 + out.readUInt16BE(pos + 2)) {
    const marker = out[pos + 1];
    if (marker === 0xc0 || marker === 0xc2) {
      out.writeUInt16BE(height, pos + 5);
      out.writeUInt16BE(width, pos + 7);
      return out;
    }
  }
  throw new Error('no SOF0/SOF2 segment to patch');
}

// ---------------------------------------------------------------- WebP

/** A lossless WebP (`VP8L`) whose bitstream header claims `width`×`height` (libwebp reads at most 16,383 each). */
export async function losslessWebp(width: number, height: number): Promise<Buffer> {
  const out = Buffer.from(
    await sharp({ create: { width: 16, height: 16, channels: 3, background: '#204060' } })
      .webp({ lossless: true })
      .toBuffer(),
  );
  if (out.toString('latin1', 12, 16) !== 'VP8L') throw new Error('sharp wrote no simple lossless WebP');
  // After RIFF/size/WEBP, the chunk tag, its size and the 0x2f signature byte: 14 bits each of width-1, height-1.
  const bits = out.readUInt32LE(21);
  out.writeUInt32LE(((bits & ~0x0fffffff) | ((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14)) >>> 0, 21);
  return out;
}

/** `webp`, an extended (`VP8X`) file as sharp writes animations, with its canvas set to `width`×`height`. */
export function withWebpCanvas(webp: Buffer, width: number, height: number): Buffer {
  if (webp.toString('latin1', 12, 16) !== 'VP8X') throw new Error('not an extended WebP');
  const out = Buffer.from(webp);
  out.writeUIntLE(width - 1, 24, 3);
  out.writeUIntLE(height - 1, 27, 3);
  return out;
}

// ---------------------------------------------------------------- not images

/** A stored (uncompressed) one-file ZIP archive: local header, data, central directory, end record. */
export function zip(name: string, content: Buffer): Buffer {
  const file = latin1(name);
  const sum = crc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(sum, 14);
  local.writeUInt32LE(content.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(file.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(sum, 16);
  central.writeUInt32LE(content.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(file.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + file.length, 12);
  end.writeUInt32LE(local.length + file.length + content.length, 16);
  return Buffer.concat([local, file, content, central, file, end]);
}

export const PDF = latin1(
  '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n' +
    '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

/** The start of a Windows executable: DOS header, stub, PE signature. */
export function exe(): Buffer {
  const out = Buffer.alloc(256);
  out.write('MZ', 0, 'latin1');
  out.writeUInt32LE(0x80, 0x3c); // e_lfanew: where the PE header starts
  out.write('This program cannot be run in DOS mode.', 0x4e, 'latin1');
  out.write('PE\0\0', 0x80, 'latin1');
  return out;
}

/** An ISO-BMFF header with HEIC brands (what iPhones write). */
export function heicHeader(): Buffer {
  const ftyp = Buffer.concat([latin1('\0\0\0\x18ftypheic\0\0\0\0mif1heic'), Buffer.alloc(64)]);
  return ftyp;
}

export const HTML = latin1('<!doctype html><html><body><script>alert(document.domain)</script></body></html>\n');
