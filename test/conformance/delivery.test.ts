/** Conformance: delivery — variants, negotiation, signed URLs, caching headers, 304, HEAD, SVG, animation. */
import { existsSync, readdirSync } from 'node:fs';
import { toFile } from 'cloudflare';
import exifReader from 'exif-reader';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUrl } from '@/lib/cloudflare-images/signing';
import { animatedGif, BENIGN_SVG, cameraJpeg, jpeg, LEAKY_SVG, png } from '../helpers/images';
import { startTestService, type TestService } from '../helpers/service';

let t: TestService;
let clock = Date.now();
const nowSeconds = () => Math.floor(clock / 1000);

beforeAll(async () => {
  t = await startTestService({}, () => clock);
  await t.cf.images.v1.variants.create({
    account_id: t.accountId,
    id: 'thumb',
    options: { fit: 'cover', width: 64, height: 64, metadata: 'none' },
  });
  await t.cf.images.v1.variants.create({
    account_id: t.accountId,
    id: 'open',
    options: { fit: 'scale-down', width: 32, height: 32, metadata: 'none' },
    neverRequireSignedURLs: true,
  });
});
afterAll(() => t.stop());

async function upload(bytes: Buffer, extra: Record<string, unknown> = {}, name = 'x.jpg') {
  const image = await t.cf.images.v1.create({ account_id: t.accountId, file: await toFile(bytes, name), ...extra });
  return image.id ?? '';
}
const url = (id: string, variant: string) => `${t.svc.url}/${t.config.accountHash}/${id}/${variant}`;
const AVIF_WEBP = 'image/avif,image/webp,*/*';

describe('public delivery', () => {
  let id: string;
  beforeAll(async () => {
    id = await upload(await jpeg(800, 600));
  });

  it('negotiates AVIF, then WebP, then the original format, with Vary: Accept', async () => {
    for (const [accept, type] of [
      [AVIF_WEBP, 'image/avif'],
      ['image/webp,*/*', 'image/webp'],
      ['*/*', 'image/jpeg'],
    ] as const) {
      const res = await fetch(url(id, 'thumb'), { headers: { accept } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('vary')).toBe('Accept');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(res.headers.get('content-length')).toBe(String(bytes.length));
      const meta = await sharp(bytes).metadata();
      expect([meta.width, meta.height]).toEqual([64, 64]);
    }
  });

  it('sends the contract headers and answers If-None-Match with 304', async () => {
    const res = await fetch(url(id, 'public'), { headers: { accept: 'image/webp' } });
    expect(res.headers.get('cache-control')).toBe('public, max-age=172800, stale-while-revalidate=7200');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const etag = res.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[^"]+"$/);
    const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([800, 600]); // public: scale-down within 1366×768
    const again = await fetch(url(id, 'public'), { headers: { accept: 'image/webp', 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
    const other = await fetch(url(id, 'public'), { headers: { accept: 'image/avif', 'if-none-match': etag } });
    expect(other.status).toBe(200); // a different format is a different entity
  });

  it('answers HEAD with the same headers and no body', async () => {
    const get = await fetch(url(id, 'thumb'), { headers: { accept: 'image/webp' } });
    const head = await fetch(url(id, 'thumb'), { method: 'HEAD', headers: { accept: 'image/webp' } });
    expect(head.status).toBe(200);
    for (const h of ['content-type', 'content-length', 'etag', 'cache-control', 'vary'])
      expect(head.headers.get(h)).toBe(get.headers.get(h));
    expect((await head.arrayBuffer()).byteLength).toBe(0);
  });

  it('serves under /cdn-cgi/imagedelivery too', async () => {
    const res = await fetch(`${t.svc.url}/cdn-cgi/imagedelivery/${t.config.accountHash}/${id}/thumb`);
    expect(res.status).toBe(200);
  });

  it('answers 404 for an unknown image, variant or account hash', async () => {
    for (const u of [url('nope', 'public'), url(id, 'nosuchvariant'), `${t.svc.url}/wronghash/${id}/public`]) {
      const res = await fetch(u);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('ERROR 9431');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('uses the variant browser_ttl over the account one', async () => {
    await t.cf.images.v1.variants.create({
      account_id: t.accountId,
      id: 'short',
      options: { fit: 'scale-down', width: 10, height: 10, metadata: 'none', browser_ttl: 3600 } as never,
    });
    const res = await fetch(url(id, 'short'));
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600, stale-while-revalidate=7200');
  });
});

describe('private images and signed URLs', () => {
  let id: string;
  beforeAll(async () => {
    id = await upload(await jpeg(300, 200), { requireSignedURLs: true });
  });

  it('refuses a missing, wrong or expired signature with 403 ERROR 9425 and no-store', async () => {
    const good = signUrl(url(id, 'thumb'), t.config.signingKey, nowSeconds() + 600);
    const tampered = good.replace(/sig=([0-9a-f])/, (_m, c: string) => `sig=${c === '0' ? '1' : '0'}`);
    const expired = signUrl(url(id, 'thumb'), t.config.signingKey, nowSeconds() - 1);
    const otherKey = signUrl(url(id, 'thumb'), 'not-the-key', nowSeconds() + 600);
    const otherVariant = good.replace('/thumb?', '/public?');
    for (const u of [
      url(id, 'thumb'),
      tampered,
      expired,
      otherKey,
      otherVariant,
      `${url(id, 'thumb')}?exp=${nowSeconds() + 600}`,
    ]) {
      const res = await fetch(u);
      expect(res.status, u).toBe(403);
      expect(await res.text()).toBe('ERROR 9425: Image access denied\n');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('serves a valid signature with private caching that ends at exp', async () => {
    const res = await fetch(signUrl(url(id, 'thumb'), t.config.signingKey, nowSeconds() + 600));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, max-age=600');
    const long = await fetch(signUrl(url(id, 'thumb'), t.config.signingKey, nowSeconds() + 10 * 86400));
    expect(long.headers.get('cache-control')).toBe('private, max-age=172800');
  });

  it('accepts a signature over the /cdn-cgi/imagedelivery path or the plain path', async () => {
    const signed = new URL(signUrl(url(id, 'thumb'), t.config.signingKey, nowSeconds() + 600));
    expect((await fetch(`${t.svc.url}/cdn-cgi/imagedelivery${signed.pathname}${signed.search}`)).status).toBe(200);
    const prefixed = signUrl(
      `${t.svc.url}/cdn-cgi/imagedelivery/${t.config.accountHash}/${id}/thumb`,
      t.config.signingKey,
      nowSeconds() + 600,
    );
    expect((await fetch(prefixed)).status).toBe(200);
  });

  it('accepts any current key (rotation) and stops accepting a deleted one', async () => {
    const { keys } = await t.cf.images.v1.keys.update('next', { account_id: t.accountId });
    const next = keys?.find((k) => k.name === 'next')?.value ?? '';
    expect((await fetch(signUrl(url(id, 'thumb'), next, nowSeconds() + 600))).status).toBe(200);
    expect((await fetch(signUrl(url(id, 'thumb'), t.config.signingKey, nowSeconds() + 600))).status).toBe(200);
    await t.cf.images.v1.keys.delete('next', { account_id: t.accountId });
    expect((await fetch(signUrl(url(id, 'thumb'), next, nowSeconds() + 600))).status).toBe(403);
  });

  it('serves a neverRequireSignedURLs variant without a signature, publicly cached', async () => {
    const res = await fetch(url(id, 'open'));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/^public/);
  });

  it('stops serving once the signature expires, even after it was served', async () => {
    const signed = signUrl(url(id, 'thumb'), t.config.signingKey, nowSeconds() + 60);
    expect((await fetch(signed)).status).toBe(200);
    clock += 61_000;
    expect((await fetch(signed)).status).toBe(403);
  });

  it('becomes public or private by PATCH', async () => {
    await t.cf.images.v1.edit(id, { account_id: t.accountId, requireSignedURLs: false });
    expect((await fetch(url(id, 'thumb'))).status).toBe(200);
    await t.cf.images.v1.edit(id, { account_id: t.accountId, requireSignedURLs: true });
    expect((await fetch(url(id, 'thumb'))).status).toBe(403);
  });
});

describe('flexible variants', () => {
  let id: string;
  let privateId: string;
  beforeAll(async () => {
    id = await upload(await png(400, 300, false), {}, 'p.png');
    privateId = await upload(await jpeg(100, 100), { requireSignedURLs: true });
  });

  it('are refused with 403/9429 until enabled', async () => {
    const res = await fetch(url(id, 'w=100'));
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('9429');
    await fetch(`${t.api}/v1/config`, {
      method: 'PATCH',
      headers: { ...t.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ flexible_variants: true }),
    });
  });

  it('apply width, height, fit, format, rotate and ignore unknown options', async () => {
    const check = async (opts: string, w: number, h: number, type: string) => {
      const res = await fetch(url(id, opts), { headers: { accept: AVIF_WEBP } });
      expect(res.status, opts).toBe(200);
      expect(res.headers.get('content-type'), opts).toBe(type);
      const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
      expect([meta.width, meta.height], opts).toEqual([w, h]);
    };
    await check('w=100', 100, 75, 'image/avif');
    await check('width=100,height=100,fit=cover,f=webp', 100, 100, 'image/webp');
    await check('w=100,h=100,fit=pad,background=%23ff0000,format=png', 100, 100, 'image/png');
    await check('w=100,rotate=90,f=jpeg', 100, 133, 'image/jpeg');
    await check('w=200,dpr=2,q=50,f=jpeg,sharpen=1,blur=3,flip=h,unknownthing=5', 400, 300, 'image/jpeg');
    await check('w=1000,fit=scale-down,f=png', 400, 300, 'image/png');
    await check('w=1000,fit=contain,f=png', 1000, 750, 'image/png');
    await check('w=100,h=100,fit=cover,gravity=0.1x0.9,f=png', 100, 100, 'image/png');
    await check('trim=10;20;30;40,f=png', 340, 260, 'image/png');
  });

  it('answer bad values with 400 and a readable message', async () => {
    for (const opts of [
      'w=abc',
      'w=0',
      'fit=stretch',
      'q=101',
      'rotate=45',
      'f=tiff',
      'dpr=9',
      'background=url(x)',
      'w=12001',
      'trim=0;0;0;400',
      'trim=150;0;150;0',
    ]) {
      const res = await fetch(url(id, opts));
      expect(res.status, opts).toBe(400);
      expect(await res.text()).toMatch(/^ERROR 9401: Option/);
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    }
  });

  it('never serve private images', async () => {
    expect((await fetch(url(privateId, 'w=50'))).status).toBe(403);
  });
});

describe('what delivery does to content', () => {
  it('applies EXIF orientation, keeps the camera and keeps GPS and serials out of the stored original', async () => {
    const id = await upload(await cameraJpeg(400, 300));
    const res = await fetch(url(id, 'public'), { headers: { accept: 'image/png' } });
    const out = sharp(Buffer.from(await res.arrayBuffer()));
    const meta = await out.metadata();
    expect([meta.width, meta.height]).toEqual([300, 400]); // orientation 6: landscape pixels, portrait view
    const { data, info } = await out.raw().toBuffer({ resolveWithObject: true });
    const px = (x: number, y: number) =>
      Array.from(data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3));
    // Rotated 90° clockwise, the red left half ends up on top.
    expect(px(150, 20)[0]).toBeGreaterThan(200);
    expect(px(150, 380)[2]).toBeGreaterThan(200);
    const original = Buffer.from(await (await t.cf.images.v1.blobs.get(id, { account_id: t.accountId })).arrayBuffer());
    const text = original.toString('latin1');
    expect(text).not.toContain('SERIAL12345');
    expect(text).toContain('Jane Doe');
    const stored = await sharp(original).metadata();
    expect(stored.orientation).toBe(6);
    // The camera is kept (and reported as the x_pixvault_exif extension); location is not.
    const exif = exifReader(stored.exif ?? Buffer.alloc(0));
    expect(exif.Image?.Make).toBe('TestCam');
    expect(exif.GPSInfo).toBeUndefined();
    const record = (await (await fetch(`${t.api}/v1/${id}`, { headers: t.auth })).json()) as {
      result: Record<string, unknown>;
    };
    expect(record.result.x_pixvault_exif).toMatchObject({ make: 'TestCam', model: 'X1', takenAt: null });
  });

  it('serves an SVG sanitized, unresized, with a locking CSP', async () => {
    const id = await upload(Buffer.from(LEAKY_SVG), {}, 'x.svg');
    const res = await fetch(url(id, 'thumb'), { headers: { accept: AVIF_WEBP } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'; sandbox");
    expect(res.headers.get('vary')).toBeNull();
    const body = (await res.text()).toLowerCase();
    for (const bad of ['javascript', '&#106;', '@import', 'evil.example']) expect(body).not.toContain(bad);
    expect(body).toContain('<rect');
    const benign = await upload(Buffer.from(BENIGN_SVG), {}, 'ok.svg');
    expect(await (await fetch(url(benign, 'public'))).text()).toContain('circle');
  });

  it('keeps animations animated as WebP, or GIF for a client without WebP', async () => {
    const id = await upload(await animatedGif(3), {}, 'a.gif');
    const webp = await fetch(url(id, 'thumb'), { headers: { accept: AVIF_WEBP } });
    expect(webp.headers.get('content-type')).toBe('image/webp');
    expect((await sharp(Buffer.from(await webp.arrayBuffer())).metadata()).pages).toBe(3);
    const gif = await fetch(url(id, 'thumb'), { headers: { accept: '*/*' } });
    expect(gif.headers.get('content-type')).toBe('image/gif');
    expect((await sharp(Buffer.from(await gif.arrayBuffer())).metadata()).pages).toBe(3);
  });

  it('delivers custom ids with slashes', async () => {
    expect(await upload(await jpeg(50, 50), { id: 'team/photos/a b' })).toBe('team/photos/a b');
    const res = await fetch(`${t.svc.url}/${t.config.accountHash}/team/photos/a%20b/thumb`);
    expect(res.status).toBe(200);
  });
});

describe('an original that vanished under a request', () => {
  it('answers 404 in plain text, not a server error', async () => {
    const id = await upload(await jpeg(90, 60));
    const image = t.svc.core.records.storedImage(id);
    const { unlinkSync } = await import('node:fs');
    unlinkSync(t.svc.core.store.originalPath(image?.file_key ?? ''));
    for (const method of ['GET', 'HEAD']) {
      const res = await fetch(url(id, 'thumb'), { method, headers: { accept: 'image/webp' } });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    }
  });
});

describe('generated files', () => {
  it('are dropped when the variant changes or the image is deleted', async () => {
    const id = await upload(await jpeg(200, 200));
    await fetch(url(id, 'thumb'), { headers: { accept: 'image/webp' } });
    const image = t.svc.core.records.storedImage(id);
    const dir = t.svc.core.store.variantDir(image?.file_key ?? '');
    expect(readdirSync(dir).some((f) => f.startsWith('v-thumb.'))).toBe(true);
    await t.cf.images.v1.variants.edit('thumb', {
      account_id: t.accountId,
      options: { fit: 'cover', width: 48, height: 48, metadata: 'none' },
    });
    await t.svc.core.work.settled();
    expect(readdirSync(dir).some((f) => f.startsWith('v-thumb.'))).toBe(false);
    const res = await fetch(url(id, 'thumb'), { headers: { accept: 'image/webp' } });
    expect((await sharp(Buffer.from(await res.arrayBuffer())).metadata()).width).toBe(48);
    await t.cf.images.v1.delete(id, { account_id: t.accountId });
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(t.svc.core.store.originalPath(image?.file_key ?? ''))).toBe(false);
    expect((await fetch(url(id, 'thumb'))).status).toBe(404);
  });
});

describe('usage counters', () => {
  it('count deliveries (200 and 304), bytes and refusals, and keep them per month', async () => {
    const id = await upload(await jpeg(120, 90));
    const before = t.svc.core.usage.sinceStart();
    const first = await fetch(url(id, 'thumb'), { headers: { accept: 'image/webp' } });
    const bytes = (await first.arrayBuffer()).byteLength;
    await fetch(url(id, 'thumb'), {
      headers: { accept: 'image/webp', 'if-none-match': first.headers.get('etag') ?? '' },
    });
    const priv = await upload(await jpeg(20, 20), { requireSignedURLs: true });
    await fetch(url(priv, 'thumb'));
    const after = t.svc.core.usage.sinceStart();
    expect(after.deliveries - before.deliveries).toBe(2);
    expect(after.not_modified - before.not_modified).toBe(1);
    expect(after.delivered_bytes - before.delivered_bytes).toBe(bytes);
    expect(after.denied - before.denied).toBe(1);
    const health = await (await fetch(`${t.svc.url}/healthz`)).json();
    expect(health.result.usage.deliveries).toBe(after.deliveries);
    t.svc.core.usage.flush();
    const month = new Date(clock).toISOString().slice(0, 7);
    expect(t.svc.core.usage.month(month).deliveries).toBe(after.deliveries);
  });
});
