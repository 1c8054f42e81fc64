import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '@/lib/cloudflare-images/limits';
import { checkBounds } from './ingest';
import { sniffFormat } from './sniff';
import './transform';

describe('size limits', () => {
  const ok =
    (w: number, h: number, f = 1) =>
    () =>
      checkBounds(w, h, f, DEFAULT_LIMITS);
  it('allows up to 12,000 px a side and 100 megapixels', () => {
    expect(ok(12_000, 8_000)).not.toThrow();
    expect(ok(10_000, 10_000)).not.toThrow();
  });
  it('refuses larger sides, larger areas and long animations with the numbers in the message', () => {
    expect(ok(12_001, 10)).toThrow(/12,001×10 pixels; the longest side may be at most 12,000/);
    expect(ok(10_001, 10_000)).toThrow(/100,010,000 pixels; at most 100,000,000/);
    expect(ok(1000, 1000, 101)).toThrow(/101 frames/);
    expect(ok(1000, 1000, 100)).not.toThrow();
    expect(ok(0, 10)).toThrow(/no pixels/);
  });
});

describe('magic-byte sniffing', () => {
  it('recognises each accepted format whatever it is called', async () => {
    const base = sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } });
    expect(sniffFormat(await base.clone().jpeg().toBuffer())).toBe('jpeg');
    expect(sniffFormat(await base.clone().png().toBuffer())).toBe('png');
    expect(sniffFormat(await base.clone().gif().toBuffer())).toBe('gif');
    expect(sniffFormat(await base.clone().webp().toBuffer())).toBe('webp');
    expect(sniffFormat(await base.clone().avif().toBuffer())).toBe('avif');
    expect(
      sniffFormat(
        Buffer.from('\ufeff<?xml version="1.0"?><!-- c --><!DOCTYPE svg><svg xmlns="http://www.w3.org/2000/svg"/>'),
      ),
    ).toBe('svg');
  });
  it('recognises HEIC by its brand and refuses everything else', () => {
    const ftyp = (brand: string) =>
      Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from(`ftyp${brand}\0\0\0\0mif1${brand}`, 'latin1')]);
    expect(sniffFormat(ftyp('heic'))).toBe('heic');
    expect(sniffFormat(Buffer.from('II*\0'))).toBeNull(); // TIFF
    expect(sniffFormat(Buffer.from('%PDF-1.7'))).toBeNull();
    expect(sniffFormat(Buffer.from('<html><svg></svg></html>'))).toBeNull();
    expect(sniffFormat(Buffer.alloc(0))).toBeNull();
  });
  it('keeps decoders outside the allow-list blocked even when called directly', async () => {
    const tiff = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .tiff()
      .toBuffer();
    await expect(sharp(tiff).metadata()).rejects.toThrow();
  });
});
