/** Each limit at its edge: exactly the limit is accepted, one more is refused. */
import sharp from 'sharp';
import { MAX_METADATA_BYTES, MAX_SIDE, MAX_SVG_BYTES, MAX_UPLOAD_BYTES } from '@/lib/cloudflare-images/limits';
import { bombPng } from '../helpers/images';
import { latin1, noiseJpeg, pngChunk, withJpegSize, withPngChunk } from './bytes';
import { accepted, fieldsRefused, type HostileCase, inCategory, JPEG_FILE, PNG_FILE, refused, SVG_FILE } from './case';

/** A PNG of exactly `size` bytes: a small image and a private ancillary chunk of padding (dropped on store). */
function pngOfSize(png: Buffer, size: number): Buffer {
  const padding = size - png.length - 12;
  return withPngChunk(png, pngChunk('prVt', Buffer.alloc(padding, 0x61)));
}

/** An SVG of exactly `size` bytes: a small drawing and a comment of padding. */
function svgOfSize(size: number): Buffer {
  const head = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30"/><!--';
  const tail = '--></svg>';
  return latin1(head + 'x'.repeat(size - head.length - tail.length) + tail);
}

/** Metadata that is exactly `size` bytes once serialized. */
function metadataOfSize(size: number): string {
  const empty = JSON.stringify({ note: '' }).length;
  return JSON.stringify({ note: 'm'.repeat(size - empty) });
}

export async function limitEdges(): Promise<HostileCase[]> {
  const small = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#2a9d8f' } })
    .png()
    .toBuffer();
  const jpeg = await noiseJpeg(64, 48);
  const smallFile = { bytes: small, ...PNG_FILE };
  return inCategory('limit edge', [
    {
      name: 'exactly 10 MB',
      file: { bytes: pngOfSize(small, MAX_UPLOAD_BYTES), ...PNG_FILE },
      expected: accepted(/prVt/),
    },
    {
      name: '10 MB + 1 byte',
      file: { bytes: pngOfSize(small, MAX_UPLOAD_BYTES + 1), ...PNG_FILE },
      expected: refused(413, /Max file size is 10 MB/),
    },
    { name: 'SVG of exactly 1 MB', file: { bytes: svgOfSize(MAX_SVG_BYTES), ...SVG_FILE }, expected: accepted() },
    {
      name: 'SVG of 1 MB + 1 byte',
      file: { bytes: svgOfSize(MAX_SVG_BYTES + 1), ...SVG_FILE },
      expected: refused(413, /SVG files may be at most 1 MB/),
    },
    { name: 'PNG 12,000 px wide', file: { bytes: bombPng(MAX_SIDE, 1), ...PNG_FILE }, expected: accepted() },
    {
      name: 'PNG 12,001 px wide',
      file: { bytes: bombPng(MAX_SIDE + 1, 1), ...PNG_FILE },
      expected: refused(400, /longest side may be at most 12,000 pixels/),
    },
    {
      name: 'JPEG of 10,000 × 10,001 (one row over 100 MP)',
      file: { bytes: withJpegSize(jpeg, 10_000, 10_001), ...JPEG_FILE },
      expected: refused(400, /100,010,000 pixels/),
    },
    {
      name: 'metadata of exactly 1024 bytes',
      file: smallFile,
      fields: [['metadata', metadataOfSize(MAX_METADATA_BYTES)]],
      expected: accepted(),
    },
    {
      name: 'metadata of 1025 bytes',
      file: smallFile,
      fields: [['metadata', metadataOfSize(MAX_METADATA_BYTES + 1)]],
      expected: fieldsRefused(/1025 bytes when serialized; the limit is 1024 bytes/),
    },
    {
      name: 'custom id of exactly 1024 characters',
      file: smallFile,
      fields: [['id', `edge/${'i'.repeat(1019)}`]],
      expected: accepted(),
    },
  ]);
}
