/**
 * Conformance of an extension: an image whose metadata holds `trashed` is not delivered (404, 9431) by
 * any URL, signed or public, cached variant or not, until the key is removed; then the same URL works.
 */
import { toFile } from 'cloudflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUrl } from '@/lib/cloudflare-images/signing';
import { jpeg } from '../helpers/images';
import { startTestService, type TestService } from '../helpers/service';

let t: TestService;
beforeAll(async () => {
  t = await startTestService();
  await t.cf.images.v1.variants.create({
    account_id: t.accountId,
    id: 'thumb',
    options: { fit: 'cover', width: 64, height: 64, metadata: 'none' },
  });
});
afterAll(() => t.stop());

const url = (id: string, variant: string) => `${t.svc.url}/${t.config.accountHash}/${id}/${variant}`;
const patch = (id: string, body: Record<string, unknown>) =>
  t.cf.images.v1.edit(id, { account_id: t.accountId, ...body });

describe('trashed images (extension)', () => {
  it('a signed URL minted before answers 200, then 404 while trashed, then 200 again', async () => {
    const image = await t.cf.images.v1.create({
      account_id: t.accountId,
      file: await toFile(await jpeg(200, 100), 'x.jpg'),
      requireSignedURLs: true,
      metadata: { record: 'r1' },
    });
    const id = image.id ?? '';
    const signed = signUrl(url(id, 'thumb'), t.config.signingKey, Math.floor(Date.now() / 1000) + 600);
    expect((await fetch(signed)).status).toBe(200); // rendered and cached

    await patch(id, { metadata: { record: 'r1', trashed: '2026-12-01T00:00:00.000Z' } });
    const blocked = await fetch(signed);
    expect(blocked.status).toBe(404);
    expect(await blocked.text()).toMatch(/9431/);
    expect((await fetch(url(id, 'public'))).status).toBe(404);

    await patch(id, { metadata: { record: 'r1' } });
    expect((await fetch(signed)).status).toBe(200);
  });
});
