/** Accepted formats end to end (AVIF, animated WebP), delivery's metadata option, and server-side `url` ingest. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { toFile } from 'cloudflare';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { animatedWebp, avif, cameraJpeg, jpeg } from '../helpers/images';
import { startTestService, type TestService } from '../helpers/service';

let t: TestService;
const url = (id: string, v: string) => `${t.svc.url}/${t.config.accountHash}/${id}/${v}`;

beforeAll(async () => {
  t = await startTestService();
  await fetch(`${t.api}/v1/config`, {
    method: 'PATCH',
    headers: { ...t.auth, 'content-type': 'application/json' },
    body: JSON.stringify({ flexible_variants: true }),
  });
});
afterAll(() => t.stop());

describe('formats', () => {
  it('accepts AVIF and serves it as PNG to a client that takes neither AVIF nor WebP', async () => {
    const image = await t.cf.images.v1.create({ account_id: t.accountId, file: await toFile(await avif(), 'a.avif') });
    const res = await fetch(url(image.id ?? '', 'public'), { headers: { accept: 'image/jpeg' } });
    expect(res.headers.get('content-type')).toBe('image/png');
    expect((await sharp(Buffer.from(await res.arrayBuffer())).metadata()).width).toBe(200);
    const blob = await t.cf.images.v1.blobs.get(image.id ?? '', { account_id: t.accountId });
    expect(blob.headers.get('content-type')).toBe('image/avif');
  });

  it('keeps an animated WebP animated', async () => {
    const image = await t.cf.images.v1.create({
      account_id: t.accountId,
      file: await toFile(await animatedWebp(4), 'a.webp'),
    });
    const res = await fetch(url(image.id ?? '', 'w=30'), { headers: { accept: 'image/webp' } });
    const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
    expect([meta.format, meta.pages, meta.width]).toEqual(['webp', 4, 30]);
    const still = await fetch(url(image.id ?? '', 'w=30,anim=false'), { headers: { accept: 'image/webp' } });
    expect((await sharp(Buffer.from(await still.arrayBuffer())).metadata()).pages ?? 1).toBe(1);
  });

  it('keeps the copyright in JPEG output for metadata=copyright and drops it for none', async () => {
    const image = await t.cf.images.v1.create({
      account_id: t.accountId,
      file: await toFile(await cameraJpeg(200, 100), 'c.jpg'),
    });
    const get = async (m: string) =>
      Buffer.from(await (await fetch(url(image.id ?? '', `w=80,f=jpeg,metadata=${m}`))).arrayBuffer()).toString(
        'latin1',
      );
    expect(await get('copyright')).toContain('Jane Doe');
    expect(await get('none')).not.toContain('Jane Doe');
  });
});

describe('server-side url ingest', () => {
  let origin: http.Server;
  let base: string;
  let photo: Buffer;
  beforeAll(async () => {
    photo = await jpeg(120, 90);
    origin = http.createServer((req, res) => {
      if (req.url === '/photos/cat.jpg') {
        res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': photo.length }).end(photo);
      } else if (req.url === '/huge.jpg') {
        res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': 11 * 1024 * 1024 }).end();
      } else if (req.url === '/redirect') {
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' }).end();
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => origin.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
  });
  afterAll(() => origin.close());

  const ingest = (svc: TestService, target: string) => {
    const form = new FormData();
    form.set('url', target);
    return fetch(`${svc.api}/v1`, { method: 'POST', headers: svc.auth, body: form });
  };

  it('refuses loopback, link-local and non-http URLs by default, storing nothing', async () => {
    for (const [target, message] of [
      [`${base}/photos/cat.jpg`, /loopback/],
      ['http://169.254.169.254/latest/meta-data', /link-local/],
      ['file:///etc/passwd', /http/],
    ] as const) {
      const res = await ingest(t, target);
      expect(res.status, target).toBe(400);
      expect((await res.json()).errors[0].message).toMatch(message);
    }
  });

  it('fetches from an allow-listed network, re-checks redirects and enforces the size limit', async () => {
    const allowed = await startTestService({ urlIngestAllowPrivate: ['127.0.0.1/32'] });
    try {
      const ok = await ingest(allowed, `${base}/photos/cat.jpg`);
      expect(ok.status).toBe(200);
      const image = (await ok.json()).result;
      expect(image.filename).toBe('cat.jpg');
      const stored = Buffer.from(
        await (await fetch(`${allowed.api}/v1/${image.id}/blob`, { headers: allowed.auth })).arrayBuffer(),
      );
      expect((await sharp(stored).metadata()).width).toBe(120);
      expect((await ingest(allowed, `${base}/redirect`)).status).toBe(400);
      expect((await ingest(allowed, `${base}/huge.jpg`)).status).toBe(413);
      expect((await ingest(allowed, `${base}/missing.jpg`)).status).toBe(400);
    } finally {
      await allowed.stop();
    }
  });
});
