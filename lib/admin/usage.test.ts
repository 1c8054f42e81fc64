/** The usage page's figures on real Cloudflare: what its API can tell, and a plain word where it cannot. */
import { toFile } from 'cloudflare';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stubAppEnv } from '@/test/helpers/app-env';
import { jpeg } from '@/test/helpers/images';
import { startTestService, type TestService } from '@/test/helpers/service';

vi.mock('server-only', () => ({}));

let t: TestService;
let admin: { id: string; role: 'admin' };
let serviceId: string;

beforeAll(async () => {
  t = await startTestService();
  stubAppEnv(t);
  const { createUser } = await import('@/lib/db/users');
  admin = { id: (await createUser({ email: 'u@example.com', passwordHash: null, role: 'admin' })).id, role: 'admin' };
  const image = await t.cf.images.v1.create({
    account_id: t.accountId,
    file: await toFile(await jpeg(50, 40), 'u.jpg'),
  });
  serviceId = image.id ?? '';
  const { insertPendingImage, setServiceId, markReady } = await import('@/lib/db/images');
  await insertPendingImage({ recordId: 'rec-u', ownerId: admin.id, title: 'Popular', filename: 'u.jpg' });
  await setServiceId('rec-u', serviceId);
  await markReady('rec-u', {
    width: 50,
    height: 40,
    bytes: 9,
    contentType: 'image/jpeg',
    placeholder: null,
    filename: null,
  });
  for (let i = 0; i < 3; i++) {
    const res = await fetch(`${t.svc.url}/${t.config.accountHash}/${serviceId}/public`);
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  }
});
afterAll(() => t.stop());

const { usageOverview } = await import('./usage');
const { deliveriesByImage } = await import('./usage-source');
const { parseDeliveries } = await import('./cloudflare-analytics');

describe('usage on Cloudflare', () => {
  it('says plainly that deliveries are not available when the Analytics API refuses', async () => {
    // The test service stands in for Cloudflare: v1/stats answers, its GraphQL endpoint does not exist.
    const u = await usageOverview(admin);
    expect(u.backend).toBe('cloudflare');
    expect(u.stored).toEqual({ now: 1, allowed: 100_000 });
    expect(u.deliveries).toMatchObject({ available: false, reason: expect.stringContaining('Analytics API') });
    expect(u.estimate.projection).toBeNull();
    expect(u.estimate.bill.totalUsd).toBe(5);
    expect(u.storedHistory.points.at(-1)?.stored).toBe(1);
    expect(await deliveriesByImage([serviceId], 30)).toBeNull();
  });

  it('reads the Analytics API’s answer per day, and its refusals as reasons', () => {
    const ok = parseDeliveries({
      data: {
        viewer: {
          accounts: [
            {
              imagesRequestsAdaptiveGroups: [
                { dimensions: { date: '2026-03-01' }, sum: { requests: 120 } },
                { dimensions: { date: '2026-03-02' }, sum: { requests: 80 } },
              ],
            },
          ],
        },
      },
      errors: null,
    });
    expect(ok).toEqual({
      ok: true,
      perDay: new Map([
        ['2026-03-01', 120],
        ['2026-03-02', 80],
      ]),
    });
    expect(parseDeliveries({ data: null, errors: [{ message: 'not authorized for that account' }] })).toEqual({
      ok: false,
      reason: "Cloudflare's Analytics API refused the query: not authorized for that account",
    });
    expect(parseDeliveries({ data: { viewer: { accounts: [] } } })).toMatchObject({ ok: false });
    expect(parseDeliveries('nonsense')).toMatchObject({ ok: false });
  });
});
