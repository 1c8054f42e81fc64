/**
 * Image ids never shadow REST routes (issue 7, item 3): an image with the id `keys/default` once made
 * `DELETE v1/keys/default` ambiguous, and a valid signed URL went from 200 to 403 when the key was
 * rotated instead. Ids with a route word as a part are refused, paths are routed by their exact shape,
 * and a configured signing key that went missing is put back at start.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { toFile } from 'cloudflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUrl } from '@/lib/cloudflare-images/signing';
import { jpeg } from '../helpers/images';
import { startTestService, type TestService } from '../helpers/service';

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

describe('custom ids and routes', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService();
  });
  afterAll(() => t.stop());

  const count = () => (t.svc.core.db.prepare('SELECT COUNT(*) AS n FROM images').get() as { n: number }).n;

  it('refuses custom ids with a route word as a part, through POST v1 and direct_upload', async () => {
    const before = count();
    for (const id of ['keys/default', 'variants/x', 'x/blob', 'stats', 'config/a', 'direct_upload', 'a/Keys/b']) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(await jpeg(40, 30))], { type: 'image/jpeg' }), 'a.jpg');
      form.append('id', id);
      const res = await fetch(`${t.api}/v1`, { method: 'POST', headers: t.auth, body: form });
      expect(res.status, id).toBe(400);
      expect(await res.text(), id).toMatch(/name of the images API's routes/);
      const direct = await fetch(`${t.api}/v2/direct_upload`, {
        method: 'POST',
        headers: { ...t.auth, 'content-type': 'application/json' },
        body: JSON.stringify({ id }),
      });
      expect(direct.status, id).toBe(400);
    }
    expect(count()).toBe(before);
  });

  it('routes by exact shape: a path with a route word is never read as an image id', async () => {
    // An image from before the rule, with an id that reads like the keys route (written as an older install would have).
    const image = await t.cf.images.v1.create({
      account_id: t.accountId,
      file: await toFile(await jpeg(40, 30), 'a.jpg'),
    });
    t.svc.core.db.prepare("UPDATE images SET id = 'keys/default' WHERE id = ?").run(image.id);
    const keys = () => t.svc.core.keys.list();
    const keysBefore = keys();

    expect((await fetch(`${t.api}/v1/keys/default`, { headers: t.auth })).status).toBe(405);
    expect((await fetch(`${t.api}/v1/x/blob`, { method: 'DELETE', headers: t.auth })).status).toBe(405);
    expect((await fetch(`${t.api}/v1/stats/x`, { headers: t.auth })).status).toBe(404);
    // The image is still reached with its "/" encoded, and deleting it leaves the keys alone.
    const got = await fetch(`${t.api}/v1/keys%2Fdefault`, { headers: t.auth });
    expect(got.status).toBe(200);
    expect(((await got.json()) as { result: { id: string } }).result.id).toBe('keys/default');
    expect((await fetch(`${t.api}/v1/keys%2Fdefault`, { method: 'DELETE', headers: t.auth })).status).toBe(200);
    expect(t.svc.core.records.get('keys/default')).toBeUndefined();
    expect(keys()).toEqual(keysBefore);
  });
});

describe('the configured signing key', () => {
  it('seeds "default" on first start, and a deleted key stays deleted after a restart (rotation ends old links)', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'pixvault-keys-'));
    try {
      // Credentials generated on first run (not set explicitly), as `npm start` does.
      const first = await startTestService({ dataDir, signingKeyExplicit: false });
      const { accountId, accountHash, apiToken, signingKey } = first.config;
      expect(first.svc.core.keys.values()).toEqual([signingKey]);
      const image = await first.cf.images.v1.create({
        account_id: accountId,
        file: await toFile(await jpeg(60, 40), 'a.jpg'),
        requireSignedURLs: true,
      });
      const signed = (base: string) => signUrl(`${base}/${accountHash}/${image.id}/public`, signingKey, inAnHour());
      expect((await fetch(signed(first.svc.url))).status).toBe(200);
      await first.cf.images.v1.keys.update('newer', { account_id: accountId });
      await first.cf.images.v1.keys.delete('default', { account_id: accountId });
      expect((await fetch(signed(first.svc.url))).status).toBe(403);
      await first.stop();

      const again = await startTestService({
        dataDir,
        accountId,
        accountHash,
        apiToken,
        signingKey,
        signingKeyExplicit: false,
      });
      try {
        expect(again.svc.core.keys.list().map((k) => k.name)).toEqual(['newer']);
        expect((await fetch(signed(again.svc.url))).status).toBe(403);
      } finally {
        await again.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('when set explicitly (CLOUDFLARE_IMAGES_SIGNING_KEY), is put back at start after it was deleted', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'pixvault-keys-'));
    try {
      const first = await startTestService({ dataDir, signingKeyExplicit: true });
      const { accountId, accountHash, apiToken, signingKey } = first.config;
      const image = await first.cf.images.v1.create({
        account_id: accountId,
        file: await toFile(await jpeg(60, 40), 'a.jpg'),
        requireSignedURLs: true,
      });
      const signed = (base: string) => signUrl(`${base}/${accountHash}/${image.id}/public`, signingKey, inAnHour());
      await first.cf.images.v1.keys.delete('default', { account_id: accountId }); // the last key: regenerated
      expect((await fetch(signed(first.svc.url))).status).toBe(403);
      await first.stop();

      const again = await startTestService({ dataDir, accountId, accountHash, apiToken, signingKey });
      try {
        expect(again.svc.core.keys.list()).toEqual([{ name: 'default', value: signingKey }]);
        expect((await fetch(signed(again.svc.url))).status).toBe(200);
      } finally {
        await again.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
