/** The usage extension (`images/x-pixvault/usage`, outside Cloudflare's API): over HTTP, token-protected, fed by delivery. */
import { toFile } from 'cloudflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUrl } from '@/lib/cloudflare-images/signing';
import type { UsageReport } from '@/lib/cloudflare-images/usage-report';
import { jpeg } from '../helpers/images';
import { startTestService, type TestService } from '../helpers/service';

let t: TestService;
let reportUrl: string;

beforeAll(async () => {
  t = await startTestService();
  reportUrl = `${t.svc.url}/client/v4/accounts/${t.accountId}/images/x-pixvault/usage`;
});
afterAll(() => t.stop());

async function upload(extra: Record<string, unknown> = {}): Promise<string> {
  const image = await t.cf.images.v1.create({
    account_id: t.accountId,
    file: await toFile(await jpeg(120, 90), 'u.jpg'),
    ...extra,
  });
  return image.id ?? '';
}

describe('usage report', () => {
  it('counts each delivery per day, variant and image, and answers only with the API token', async () => {
    const id = await upload();
    const priv = await upload({ requireSignedURLs: true });
    const delivery = (imageId: string) => `${t.svc.url}/${t.config.accountHash}/${imageId}/public`;
    for (let i = 0; i < 3; i++) expect((await fetch(delivery(id))).status).toBe(200);
    const signed = signUrl(delivery(priv), t.config.signingKey, Math.floor(Date.now() / 1000) + 600);
    expect((await fetch(signed)).status).toBe(200);
    expect((await fetch(delivery(priv))).status).toBe(403); // refused: not a delivery

    expect((await fetch(reportUrl)).status).toBe(403);
    expect((await fetch(reportUrl, { method: 'POST', headers: t.auth })).status).toBe(405);
    expect((await fetch(`${reportUrl}?days=0`, { headers: t.auth })).status).toBe(400);

    const res = await fetch(`${reportUrl}?days=7&image=${encodeURIComponent(priv)}`, { headers: t.auth });
    expect(res.status).toBe(200);
    const { result } = (await res.json()) as { result: UsageReport };
    expect(result.days).toHaveLength(7);
    expect(result.days.at(-1)?.deliveries).toBe(4);
    expect(result.days.at(-1)?.bytes).toBeGreaterThan(0);
    expect(result.variants).toEqual([{ day: result.to, variant: 'public', deliveries: 4 }]);
    expect(result.top).toEqual([
      { id, deliveries: 3 },
      { id: priv, deliveries: 1 },
    ]);
    expect(result.images).toEqual({ [priv]: 1 });
    expect(result.stored).toBe(2);
  });
});
