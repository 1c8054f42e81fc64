import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '@/lib/cloudflare-images/limits';
import { convertHeic } from './heic';
import { readHeicMetadata } from './heic-boxes';
import { prepareUpload } from './ingest';

// Made with `heif-enc` (Debian libheif-examples 1.15.1, x265) from a 96×48 JPEG whose left half is red and
// right half blue, with EXIF Orientation 6 (upright: 48×96, red on top), Make "Apple", Model "iPhone 15",
// DateTimeOriginal 2026:07:14 09:30:15 +02:00. heif-enc keeps the EXIF and writes no irot box.
const FIXTURE = readFileSync(new URL('../../test/fixtures/portrait-orientation6.heic', import.meta.url));

describe('HEIC ingest', () => {
  it('reads the EXIF block out of the HEIF boxes', () => {
    const meta = readHeicMetadata(FIXTURE);
    expect(meta.transformed).toBe(false);
    expect(meta.exif?.toString('latin1', 0, 2)).toBe('II');
    expect(meta.exif?.includes('2026:07:14 09:30:15')).toBe(true);
  });

  it('converts to a JPEG that carries the capture date and orientation', async () => {
    const jpeg = await convertHeic(FIXTURE, DEFAULT_LIMITS);
    const meta = await sharp(jpeg).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.autoOrient).toEqual({ width: 48, height: 96 });
    expect(meta.exif?.includes('2026:07:14 09:30:15')).toBe(true);
    // Upright means red on top once the orientation is applied.
    const { data } = await sharp(jpeg).rotate().raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(150);
    expect(data[2]).toBeLessThan(80);
  });

  it('is accepted at ingest and stored as an upright JPEG', async () => {
    const prepared = await prepareUpload(FIXTURE, DEFAULT_LIMITS);
    expect(prepared).toMatchObject({ format: 'jpeg', contentType: 'image/jpeg', width: 48, height: 96 });
  });

  it('refuses a HEIC over the pixel limit before decoding it', async () => {
    await expect(prepareUpload(FIXTURE, { ...DEFAULT_LIMITS, maxPixels: 1000 })).rejects.toThrow(/pixels/);
  });

  it('refuses a damaged HEIC with a 400', async () => {
    const damaged = Buffer.concat([FIXTURE.subarray(0, 400), Buffer.alloc(200)]);
    await expect(prepareUpload(damaged, DEFAULT_LIMITS)).rejects.toMatchObject({ status: 400 });
  });
});
