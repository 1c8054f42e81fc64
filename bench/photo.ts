/** A photo-like test image for benchmarks: blurred colour structure plus fine grain, like a camera file. */
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';

export async function benchPhoto(width: number, height: number): Promise<Buffer> {
  const cw = Math.max(2, Math.round(width / 50));
  const ch = Math.max(2, Math.round(height / 50));
  const coarse = await sharp(randomBytes(cw * ch * 3), { raw: { width: cw, height: ch, channels: 3 } })
    .resize(width, height, { kernel: 'cubic' })
    .blur(8)
    .png()
    .toBuffer();
  const grain = await sharp(randomBytes(width * height), { raw: { width, height, channels: 1 } })
    .blur(0.8)
    .png()
    .toBuffer();
  return sharp(coarse)
    .composite([{ input: grain, blend: 'soft-light' }])
    .jpeg({ quality: 92 })
    .withExif({ IFD0: { Copyright: 'Bench' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 2405/100' } })
    .toBuffer();
}
