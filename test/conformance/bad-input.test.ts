/**
 * Bad input: every refusal is a 4xx envelope with a readable message, and leaves no record and no
 * file behind — through `POST v1` and through a one-time upload URL alike.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { toFile } from 'cloudflare';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bombGif, bombPng, HOSTILE_SVG, jpeg, noisyJpeg, png } from '../helpers/images';
import { postFile, startTestService, type TestService } from '../helpers/service';

let t: TestService;

beforeAll(async () => {
  t = await startTestService();
});
afterAll(() => t.stop());

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

function snapshot() {
  const counts = t.svc.core.db.prepare('SELECT COUNT(*) AS all_rows, SUM(draft = 0) AS stored FROM images').get() as {
    all_rows: number;
    stored: number | null;
  };
  return {
    ...counts,
    originals: filesUnder(t.svc.core.store.originalsDir).length,
    tmp: filesUnder(t.svc.core.store.tmpDir).length,
  };
}

interface Case {
  name: string;
  bytes: () => Promise<Buffer> | Buffer;
  status: number;
  message: RegExp;
  filename?: string;
  type?: string;
}

const cases: Case[] = [
  { name: 'zero bytes', bytes: () => Buffer.alloc(0), status: 400, message: /empty/ },
  {
    name: 'truncated JPEG',
    bytes: async () => {
      const good = await noisyJpeg();
      return good.subarray(0, Math.floor(good.length / 2));
    },
    status: 400,
    message: /damaged or truncated/,
  },
  {
    name: 'corrupt JPEG (valid header, garbage body)',
    bytes: async () => {
      const bad = Buffer.from(await noisyJpeg());
      for (let i = 700; i < bad.length - 2; i++) bad[i] = (i * 7919) & 0xff;
      return bad;
    },
    status: 400,
    message: /damaged|could not be read/,
  },
  {
    name: 'text that claims to be a PNG',
    bytes: () => Buffer.from('<html><script>alert(1)</script></html>'),
    status: 415,
    message: /not a JPEG, PNG, GIF, WebP, AVIF, HEIC or SVG/,
    filename: 'x.png',
    type: 'image/png',
  },
  {
    name: 'PNG signature followed by a JPEG',
    bytes: async () => Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), await jpeg(10, 10)]),
    status: 400,
    message: /PNG/,
  },
  {
    name: '20,000 × 20,000 PNG that is small on disk',
    bytes: () => bombPng(20_000, 20_000),
    status: 400,
    message: /12,000 pixels/,
  },
  {
    name: '11,000 × 11,000 PNG over 100 megapixels',
    bytes: () => bombPng(11_000, 11_000),
    status: 400,
    message: /100 megapixels/,
  },
  {
    name: 'GIF animation of 101 frames of 1000 × 1000 (over 100 MP in all)',
    bytes: () => bombGif(1000, 1000, 101),
    status: 400,
    message: /101 frames/,
    filename: 'a.gif',
    type: 'image/gif',
  },
  {
    name: 'SVG with script and event handlers',
    bytes: () => Buffer.from(HOSTILE_SVG),
    status: 400,
    message: /script|event handler/,
    filename: 'x.svg',
    type: 'image/svg+xml',
  },
  {
    name: 'SVG declaring entities (billion laughs)',
    bytes: () =>
      Buffer.from(
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg">&b;</svg>',
      ),
    status: 400,
    message: /entit|DOCTYPE/i,
    filename: 'x.svg',
  },
  {
    name: '10 MB + 1 byte',
    bytes: async () =>
      Buffer.concat([await jpeg(10, 10), Buffer.alloc(10 * 1024 * 1024 + 1)]).subarray(0, 10 * 1024 * 1024 + 1),
    status: 413,
    message: /Max file size is 10 MB/,
  },
];

const sizeBefore = (): number => snapshot().originals;

describe('refused uploads through POST v1', () => {
  for (const c of cases) {
    it(`${c.name} → ${c.status}`, async () => {
      const before = snapshot();
      const form = new FormData();
      form.append(
        'file',
        new Blob([new Uint8Array(await c.bytes())], { type: c.type ?? 'image/jpeg' }),
        c.filename ?? 'upload.jpg',
      );
      const res = await fetch(`${t.api}/v1`, { method: 'POST', headers: t.auth, body: form });
      expect(res.status).toBe(c.status);
      const body = await res.json();
      expect(body.success).toBe(false);
      expect(body.result).toBeNull();
      expect(body.errors[0].message).toMatch(c.message);
      expect(snapshot()).toEqual(before);
    });
  }
});

describe('refused uploads through a one-time URL', () => {
  for (const c of cases) {
    it(`${c.name} → ${c.status}, the draft stays a draft`, async () => {
      const { id, uploadURL } = await t.cf.images.v2.directUploads.create({ account_id: t.accountId });
      const before = snapshot();
      const res = await postFile(uploadURL ?? '', await c.bytes(), c.filename ?? 'upload.jpg', c.type ?? 'image/jpeg');
      expect(res.status).toBe(c.status);
      expect((await res.json()).errors[0].message).toMatch(c.message);
      expect(snapshot()).toEqual(before);
      expect(await t.cf.images.v1.get(id ?? '', { account_id: t.accountId })).toMatchObject({ draft: true });
    });
  }
});

describe('refused fields', () => {
  const post = async (fields: Record<string, string>) => {
    const before = snapshot();
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([new Uint8Array(await png(10, 10))], { type: 'image/png' }), 'a.png');
    const res = await fetch(`${t.api}/v1`, { method: 'POST', headers: t.auth, body: form });
    expect(snapshot()).toEqual(before);
    return { status: res.status, message: (await res.json()).errors[0].message as string };
  };

  it('oversized metadata → 400 naming the limit', async () => {
    const r = await post({ metadata: JSON.stringify({ blob: 'x'.repeat(1100) }) });
    expect(r.status).toBe(400);
    expect(r.message).toMatch(/1024 bytes/);
    expect((await post({ metadata: 'not json' })).status).toBe(400);
    expect((await post({ metadata: '[1,2]' })).status).toBe(400);
  });

  it('bad custom ids → 400 with the rule that was broken', async () => {
    const bad: [string, RegExp][] = [
      ['/leading', /start or end/],
      ['trailing/', /start or end/],
      ['a//b', /empty/],
      ['a/../b', /"\.\."/],
      ['2b1e9f0e-6d7c-4e8a-9d1b-3c2a1f0e9d8c', /UUID/],
      ['x'.repeat(1025), /1024/],
      ['has?query', /"\?"/],
      ['ctl\u0001char', /control/],
      ['stats', /name of the images API/],
    ];
    for (const [id, message] of bad) {
      const r = await post({ id });
      expect(r.status, id).toBe(400);
      expect(r.message, id).toMatch(message);
    }
  });

  it('a non-boolean requireSignedURLs → 400', async () => {
    expect((await post({ requireSignedURLs: 'yes' })).status).toBe(400);
  });

  it('raw bytes instead of a form → 415/5415', async () => {
    const res = await fetch(`${t.api}/v1`, {
      method: 'POST',
      headers: { ...t.auth, 'content-type': 'image/png' },
      body: new Uint8Array(await png(10, 10)),
    });
    expect(res.status).toBe(415);
    expect((await res.json()).errors[0].code).toBe(5415);
  });

  it('a truncated multipart body → 400, nothing stored', async () => {
    const before = sizeBefore();
    const boundary = 'XBOUNDARYX';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n${'x'.repeat(100)}`;
    const res = await fetch(`${t.api}/v1`, {
      method: 'POST',
      headers: { ...t.auth, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
    });
    expect(res.status).toBe(400);
    expect(sizeBefore()).toBe(before);
  });
});

describe('SVG work stays off the event loop', () => {
  it('keeps delivering while a large SVG is being sanitized', async () => {
    const id = (
      await t.cf.images.v1.create({ account_id: t.accountId, file: await toFile(await png(40, 30), 'p.png') })
    ).id;
    const delivery = `${t.svc.url}/${t.config.accountHash}/${id}/public`;
    expect((await fetch(delivery)).status).toBe(200); // rendered once: what follows is delivery alone
    const shapes = Array.from(
      { length: 9000 },
      (_, i) => `<path d="M${i} ${i} L${i + 10} ${i + 5} Z" fill="#${(i % 4096).toString(16).padStart(3, '0')}"/>`,
    ).join('');
    const bigSvg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">${shapes}</svg>`);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bigSvg)], { type: 'image/svg+xml' }), 'big.svg');
    // The moment the drawing is handed to the sanitizer's worker thread (seconds of DOM work follow).
    const postMessage = Worker.prototype.postMessage;
    let handedOver!: () => void;
    const sanitizing = new Promise<void>((resolve) => (handedOver = resolve));
    const spy = vi.spyOn(Worker.prototype, 'postMessage').mockImplementation(function (
      this: Worker,
      ...args: Parameters<Worker['postMessage']>
    ) {
      handedOver();
      return postMessage.apply(this, args);
    });
    try {
      let svgDone = false;
      const upload = fetch(`${t.api}/v1`, { method: 'POST', headers: t.auth, body: form }).then((r) => {
        svgDone = true;
        return r.status;
      });
      await Promise.race([
        sanitizing,
        upload.then(() => Promise.reject(new Error('the SVG was processed without the worker thread'))),
      ]);
      // Image requests are answered while the worker is busy: the main thread is free.
      for (let i = 0; i < 3; i++) {
        const res = await fetch(delivery);
        await res.arrayBuffer();
        expect(res.status).toBe(200);
      }
      expect(svgDone).toBe(false);
      expect(await upload).toBe(200);
    } finally {
      spy.mockRestore();
    }
  });
});
