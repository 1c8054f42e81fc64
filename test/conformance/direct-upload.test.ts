/** Conformance: direct creator upload — drafts, the one-time URL, expiry, races, CORS, webhooks. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sweepExpiredDrafts } from '@/lib/image-service/sweep';
import { jpeg, noisyJpeg } from '../helpers/images';
import { postFile, startTestService, type TestService } from '../helpers/service';
import { storeSnapshot } from '../helpers/store-snapshot';

let t: TestService;
let clock = Date.now();

beforeAll(async () => {
  t = await startTestService({}, () => clock);
});
afterAll(() => t.stop());

const uploadState = (id: string) =>
  (t.svc.core.db.prepare('SELECT upload_state FROM images WHERE id = ?').get(id) as { upload_state: string | null })
    ?.upload_state;

const draftUpload = (extra: Record<string, unknown> = {}) =>
  t.cf.images.v2.directUploads.create({ account_id: t.accountId, ...extra });

describe('direct creator upload', () => {
  it('creates a draft and a one-time URL; the browser POST completes it', async () => {
    const { id, uploadURL } = await draftUpload({ metadata: JSON.stringify({ owner: 'u1' }), requireSignedURLs: true });
    expect(uploadURL).toBe(`${t.svc.url}/${t.config.accountHash}/${id}`);
    const draft = await t.cf.images.v1.get(id ?? '', { account_id: t.accountId });
    expect(draft).toMatchObject({ id, draft: true, filename: null, meta: { owner: 'u1' }, requireSignedURLs: true });
    const listed = await t.cf.images.v2.list({ account_id: t.accountId });
    expect(listed.images?.some((i) => i.id === id)).toBe(false);

    const res = await postFile(uploadURL ?? '', await jpeg(120, 80), 'holiday.jpg');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const body = await res.json();
    expect(body.success).toBe(true);
    expect(body.result).toMatchObject({ id, filename: 'holiday.jpg', meta: { owner: 'u1' }, requireSignedURLs: true });
    expect(body.result).not.toHaveProperty('draft');
    const done = await t.cf.images.v1.get(id ?? '', { account_id: t.accountId });
    expect(done).not.toHaveProperty('draft');
    expect((await t.cf.images.v2.list({ account_id: t.accountId })).images?.some((i) => i.id === id)).toBe(true);
  });

  it('accepts JSON and urlencoded bodies too', async () => {
    const json = await fetch(`${t.api}/v2/direct_upload`, {
      method: 'POST',
      headers: { ...t.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ metadata: { a: 'b' } }),
    }).then((r) => r.json());
    expect(json.result.uploadURL).toContain(json.result.id);
    const form = await fetch(`${t.api}/v2/direct_upload`, {
      method: 'POST',
      headers: t.auth,
      body: new URLSearchParams({ requireSignedURLs: 'true' }),
    }).then((r) => r.json());
    expect((await t.cf.images.v1.get(form.result.id, { account_id: t.accountId })).requireSignedURLs).toBe(true);
  });

  it('refuses a second use with 409/5409 and keeps the stored image', async () => {
    const { id, uploadURL } = await draftUpload();
    expect((await postFile(uploadURL ?? '', await jpeg(50, 50, '#ff0000'))).status).toBe(200);
    const before = await (await t.cf.images.v1.blobs.get(id ?? '', { account_id: t.accountId })).arrayBuffer();
    const again = await postFile(uploadURL ?? '', await jpeg(60, 60, '#00ff00'));
    expect(again.status).toBe(409);
    expect((await again.json()).errors[0].code).toBe(5409);
    const after = await (await t.cf.images.v1.blobs.get(id ?? '', { account_id: t.accountId })).arrayBuffer();
    expect(Buffer.from(after).equals(Buffer.from(before))).toBe(true);
  });

  it('lets exactly one of 20 concurrent POSTs win; the other 19 receive the 409/5409 envelope', async () => {
    const { id, uploadURL } = await draftUpload();
    // Large enough (about 1 MB) that the losers are still sending when their early 409 is written.
    const bytes = await noisyJpeg(1400, 1000);
    const before = storeSnapshot(t.svc);
    const settled = await Promise.allSettled(
      Array.from({ length: 20 }, async () => {
        const res = await postFile(uploadURL ?? '', bytes);
        return { status: res.status, body: (await res.json()) as { errors: { code: number; message: string }[] } };
      }),
    );
    // Every client got an answer with a body: none saw a reset connection or a cut-off response.
    expect(settled.filter((s) => s.status === 'rejected')).toEqual([]);
    const answers = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    const losers = answers.filter((a) => a.status !== 200);
    expect(losers.map((a) => a.status)).toEqual(Array(19).fill(409));
    for (const loser of losers) {
      expect(loser.body.errors[0]?.code).toBe(5409);
      expect(loser.body.errors[0]?.message).toMatch(/already (used|being used)/);
    }
    const after = storeSnapshot(t.svc);
    const rows = after.records.filter((r) => r.id === id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.draft).toBe(0);
    const added = after.originals.filter((f) => !before.originals.includes(f));
    expect(added).toEqual([path.join(rows[0]?.file_key?.slice(0, 2) ?? '', rows[0]?.file_key ?? '')]);
    expect(after.tmp).toEqual([]);
  });

  it('answers 410 after expiry and the draft is gone', async () => {
    const { id, uploadURL } = await draftUpload({ expiry: new Date(clock + 5 * 60_000).toISOString() });
    clock += 6 * 60_000;
    const res = await postFile(uploadURL ?? '', await jpeg(10, 10));
    expect(res.status).toBe(410);
    expect((await res.json()).success).toBe(false);
    expect((await fetch(`${t.api}/v1/${id}`, { headers: t.auth })).status).toBe(404);
    expect((await postFile(uploadURL ?? '', await jpeg(10, 10))).status).toBe(404);
  });

  it('an upload still arriving when the URL expires completes, and the draft is never reported gone meanwhile', async () => {
    const { id, uploadURL } = await draftUpload({ expiry: new Date(clock + 3 * 60_000).toISOString() });
    const bytes = await jpeg(40, 30);
    const boundary = 'slowboundary';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="late.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const req = http.request(uploadURL ?? '', {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': body.length },
    });
    const status = new Promise<number>((resolve, reject) => {
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
    });
    try {
      req.write(body.subarray(0, 200));
      // The service has claimed the draft and is reading the body.
      await vi.waitFor(() => expect(uploadState(id ?? '')).toBe('receiving'), { timeout: 10_000 });
      clock += 4 * 60_000; // the URL expires while the body is still arriving
      const mid = await fetch(`${t.api}/v1/${id}`, { headers: t.auth });
      expect(mid.status).toBe(200);
      expect(sweepExpiredDrafts(t.svc.core.db, t.svc.core.now())).toBe(0);
      req.end(body.subarray(200));
    } catch (err) {
      req.destroy(); // a failed step must not leave the service waiting for the rest of the body
      await status.catch(() => undefined);
      throw err;
    }
    expect(await status).toBe(200);
    expect(await t.cf.images.v1.get(id ?? '', { account_id: t.accountId })).toMatchObject({ filename: 'late.jpg' });
  });

  it('sweeps expired drafts', async () => {
    const { id } = await draftUpload({ expiry: new Date(clock + 3 * 60_000).toISOString() });
    clock += 4 * 60_000;
    expect(sweepExpiredDrafts(t.svc.core.db, t.svc.core.now())).toBeGreaterThanOrEqual(1);
    expect(t.svc.core.db.prepare('SELECT id FROM images WHERE id = ?').get(id)).toBeUndefined();
  });

  it('enforces the expiry window (2 min to 6 h)', async () => {
    for (const minutes of [1, 7 * 60]) {
      const res = await fetch(`${t.api}/v2/direct_upload`, {
        method: 'POST',
        headers: t.auth,
        body: new URLSearchParams({ expiry: new Date(clock + minutes * 60_000).toISOString() }),
      });
      expect(res.status).toBe(400);
    }
    const ok = await draftUpload({ expiry: new Date(clock + 6 * 3600_000).toISOString() });
    expect(ok.id).toBeTruthy();
  });

  it('takes a custom id, and refuses one that exists', async () => {
    const made = await draftUpload({ id: 'uploads/custom-1' });
    expect(made.id).toBe('uploads/custom-1');
    expect(made.uploadURL).toBe(`${t.svc.url}/${t.config.accountHash}/uploads/custom-1`);
    expect((await postFile(made.uploadURL ?? '', await jpeg(10, 10))).status).toBe(200);
    const dup = await fetch(`${t.api}/v2/direct_upload`, {
      method: 'POST',
      headers: t.auth,
      body: new URLSearchParams({ id: 'uploads/custom-1' }),
    });
    expect(dup.status).toBe(409);
  });

  it('answers the CORS preflight from any origin', async () => {
    const { uploadURL } = await draftUpload();
    const res = await fetch(uploadURL ?? '', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-requested-with',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toBe('x-requested-with');
  });

  it('a failed upload leaves the URL usable until it expires', async () => {
    const { uploadURL } = await draftUpload();
    const bad = await postFile(uploadURL ?? '', Buffer.from('not an image at all'));
    expect(bad.status).toBe(415);
    expect(bad.headers.get('access-control-allow-origin')).toBe('*');
    expect((await postFile(uploadURL ?? '', await jpeg(10, 10))).status).toBe(200);
  });
});

describe('webhook', () => {
  it('POSTs uploaded and failed notifications with cf-webhook-auth, retrying after a failure', async () => {
    const received: {
      auth: string | undefined;
      body: { alert_type: string; data: { image_id: string; status: string } };
    }[] = [];
    let failFirst = true;
    const hook = http.createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        if (failFirst) {
          failFirst = false;
          res.writeHead(500).end();
          return;
        }
        received.push({ auth: req.headers['cf-webhook-auth'] as string | undefined, body: JSON.parse(data) });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
    const port = (hook.address() as AddressInfo).port;
    let now = Date.now();
    const w = await startTestService(
      { webhook: { url: `http://127.0.0.1:${port}/hook`, secret: 's3cret' } },
      () => now,
    );
    try {
      const ok = await w.cf.images.v2.directUploads.create({ account_id: w.accountId });
      await postFile(ok.uploadURL ?? '', await jpeg(10, 10));
      const bad = await w.cf.images.v2.directUploads.create({ account_id: w.accountId });
      await postFile(bad.uploadURL ?? '', Buffer.alloc(0));
      await w.svc.core.webhooks.runDue(); // first attempt of the first notification fails (500)
      expect(w.svc.core.webhooks.pending()).toBeGreaterThanOrEqual(1);
      now += 60_000; // past the backoff
      await w.svc.core.webhooks.runDue();
      expect(w.svc.core.webhooks.pending()).toBe(0);
      expect(received.map((r) => r.auth)).toEqual(['s3cret', 's3cret']);
      const byStatus = Object.fromEntries(received.map((r) => [r.body.data.status, r.body]));
      expect(byStatus.uploaded).toMatchObject({
        alert_type: 'image_notification',
        data: { image_id: ok.id, status: 'uploaded' },
      });
      expect(byStatus.failed).toMatchObject({
        alert_type: 'image_notification',
        data: { image_id: bad.id, status: 'failed' },
      });
    } finally {
      await w.stop();
      hook.close();
    }
  });
});
