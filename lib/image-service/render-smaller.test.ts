/**
 * renderSmaller: one decode, the JPEG always, the WebP only when a trial on a centre window does not
 * already show it clearly larger. Whatever path is taken, the answer is never a WebP larger than the JPEG.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '@/lib/cloudflare-images/options';
import { noisyJpeg } from '@/test/helpers/images';
import { render, renderSmaller } from './transform';

const LIMIT = 100_000_000;
const at800 = { ...DEFAULT_OPTIONS, width: 800 };
const source = (width: number, height: number) => ({ width, height, frames: 1, copyright: null });

/** A smooth photo-like gradient: WebP beats JPEG on it. */
function smoothJpeg(width: number, height: number): Promise<Buffer> {
  const seed = Buffer.from([200, 40, 40, 40, 90, 200, 30, 180, 60, 240, 220, 90]);
  return sharp(seed, { raw: { width: 2, height: 2, channels: 3 } })
    .resize(width, height, { kernel: 'cubic' })
    .jpeg({ quality: 90 })
    .toBuffer();
}

describe('renderSmaller', () => {
  it('answers the JPEG, byte for byte, when WebP clearly loses (noise)', async () => {
    const input = await noisyJpeg(1200, 900);
    const smaller = await renderSmaller(input, source(1200, 900), at800, 'webp', 'jpeg', LIMIT);
    const jpegOnly = await render(input, source(1200, 900), at800, 'jpeg', LIMIT);
    const webpOnly = await render(input, source(1200, 900), at800, 'webp', LIMIT);
    expect(webpOnly.length).toBeGreaterThan(jpegOnly.length); // the premise
    expect(smaller.format).toBe('jpeg');
    expect(smaller.bytes.equals(jpegOnly)).toBe(true);
  });

  it('answers the WebP when it wins, never larger than the JPEG', async () => {
    const input = await smoothJpeg(1200, 900);
    const smaller = await renderSmaller(input, source(1200, 900), at800, 'webp', 'jpeg', LIMIT);
    const jpegOnly = await render(input, source(1200, 900), at800, 'jpeg', LIMIT);
    expect(smaller.format).toBe('webp');
    expect((await sharp(smaller.bytes).metadata()).format).toBe('webp');
    expect(smaller.bytes.length).toBeLessThanOrEqual(jpegOnly.length);
  });

  it('races both encodings on outputs too small for a trial window to pay off', async () => {
    const input = await smoothJpeg(600, 450);
    const small = { ...DEFAULT_OPTIONS, width: 200 };
    const smaller = await renderSmaller(input, source(600, 450), small, 'webp', 'jpeg', LIMIT);
    const jpegOnly = await render(input, source(600, 450), small, 'jpeg', LIMIT);
    const webpOnly = await render(input, source(600, 450), small, 'webp', LIMIT);
    const best = webpOnly.length <= jpegOnly.length ? webpOnly : jpegOnly;
    expect(smaller.bytes.equals(best)).toBe(true);
  });
});
