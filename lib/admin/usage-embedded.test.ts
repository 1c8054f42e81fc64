/** The usage page's figures on the embedded backend: the service's own counters (its usage report). */
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
  // The test service as the embedded backend (stubAppEnv speaks Cloudflare's shape), before anything reads the config.
  vi.stubEnv('PIXVAULT_IMAGE_BACKEND', 'embedded');
  vi.stubEnv('IMAGE_SERVICE_PUBLIC_URL', t.svc.url);
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

describe('usage on the embedded service', () => {
  it('shows deliveries per day and variant, the top images with their titles, and the bill', async () => {
    const u = await usageOverview(admin);
    expect(u.backend).toBe('embedded');
    expect(u.stored.now).toBe(1);
    if (!u.deliveries.available) throw new Error('expected deliveries');
    expect(u.deliveries.days).toHaveLength(30);
    expect(u.deliveries.days.at(-1)?.deliveries).toBe(3);
    expect(u.deliveries.variants).toEqual([{ day: u.deliveries.days.at(-1)?.day, variant: 'public', deliveries: 3 }]);
    expect(u.deliveries.top).toEqual([{ serviceId, recordId: 'rec-u', title: 'Popular', deliveries: 3 }]);
    expect(u.estimate.bill.stored).toMatchObject({ blocks: 1, usd: 5 });
    expect(u.estimate.bill.delivered).toMatchObject({ blocks: 1, usd: 1 });
    expect(await deliveriesByImage([serviceId, 'unknown'], 30)).toEqual(
      new Map([
        [serviceId, 3],
        ['unknown', 0],
      ]),
    );
  });
});
