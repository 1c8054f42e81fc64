/**
 * Negotiated formats never make an image bigger: where WebP (or AVIF) comes out larger than the JPEG of
 * the same variant (fine noise, grain), a browser that takes WebP gets the JPEG, decided once at render
 * time and answered the same way from memory and from disk.
 */
import { toFile } from 'cloudflare';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpeg, noisyJpeg } from '../helpers/images';
import { startTestService, type TestService } from '../helpers/service';

let t: TestService;
const url = (id: string, v: string) => `${t.svc.url}/${t.config.accountHash}/${id}/${v}`;

async function upload(bytes: Buffer, name: string): Promise<string> {
  const image = await t.cf.images.v1.create({ account_id: t.accountId, file: await toFile(bytes, name) });
  return image.id ?? '';
}

async function get(id: string, accept: string) {
  const res = await fetch(url(id, 'big'), { headers: { accept } });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { res, bytes, format: (await sharp(bytes).metadata()).format };
}

beforeAll(async () => {
  // A memory cache too small for these renders: every repeat is read back from disk.
  t = await startTestService({ memoryCacheBytes: 64 * 1024 });
  const res = await fetch(`${t.api}/v1/variants`, {
    method: 'POST',
    headers: { ...t.auth, 'content-type': 'application/json' },
    body: JSON.stringify({ id: 'big', options: { fit: 'scale-down', width: 800, height: 800, metadata: 'none' } }),
  });
  expect(res.status).toBe(200);
});
afterAll(() => t.stop());

describe('the smaller encoding wins', () => {
  it('serves the JPEG to a WebP browser when the WebP would be larger, with Vary and a stable ETag', async () => {
    const id = await upload(await noisyJpeg(800, 600), 'noise.jpg');
    const plainJpeg = await get(id, 'image/jpeg');
    expect(plainJpeg.format).toBe('jpeg');
    // What WebP would have cost for the same pixels: more than the JPEG (the premise of this test).
    const webpSize = (await sharp(plainJpeg.bytes).webp({ quality: 85, effort: 4 }).toBuffer()).length;
    expect(webpSize).toBeGreaterThan(plainJpeg.bytes.length);

    const first = await get(id, 'image/webp,*/*');
    expect(first.res.headers.get('content-type')).toBe('image/jpeg');
    expect(first.format).toBe('jpeg');
    expect(first.res.headers.get('vary')).toBe('Accept');
    expect(first.bytes.length).toBeLessThanOrEqual(plainJpeg.bytes.length * 1.05);

    const again = await get(id, 'image/webp,*/*');
    expect(again.res.headers.get('content-type')).toBe('image/jpeg');
    expect(again.res.headers.get('etag')).toBe(first.res.headers.get('etag'));
    expect(again.bytes.equals(first.bytes)).toBe(true);
    const revalidated = await fetch(url(id, 'big'), {
      headers: { accept: 'image/webp,*/*', 'if-none-match': first.res.headers.get('etag') ?? '' },
    });
    expect(revalidated.status).toBe(304);
  });

  it('keeps WebP where it is the smaller one', async () => {
    const id = await upload(await jpeg(800, 600), 'flat.jpg');
    const webp = await get(id, 'image/webp,*/*');
    expect(webp.res.headers.get('content-type')).toBe('image/webp');
    expect(webp.format).toBe('webp');
    expect(webp.bytes.length).toBeLessThan((await get(id, 'image/jpeg')).bytes.length);
  });

  it('never second-guesses an explicit format', async () => {
    const id = await upload(await noisyJpeg(400, 300), 'noise2.jpg');
    await fetch(`${t.api}/v1/config`, {
      method: 'PATCH',
      headers: { ...t.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ flexible_variants: true }),
    });
    const res = await fetch(url(id, 'w=300,f=webp'), { headers: { accept: 'image/webp' } });
    expect(res.headers.get('content-type')).toBe('image/webp');
    expect((await sharp(Buffer.from(await res.arrayBuffer())).metadata()).format).toBe('webp');
  });
});
