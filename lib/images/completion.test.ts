/**
 * Light, single-flight completion (issue 10 item 4), on SQLite and PostgreSQL: the browser's call, the
 * webhook and reconciliation on two app instances sharing one store all arrive at once; the image
 * service is asked once, the record turns ready once, and the original is never downloaded — size and
 * format come from the service's stored details, the placeholder from the ≤100 px variant.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { stubAppEnv } from '@/test/helpers/app-env';
import { freshStore, openTestDb } from '@/test/helpers/db';
import { cameraJpeg, jpeg } from '@/test/helpers/images';
import { postFile, startTestService, type TestService } from '@/test/helpers/service';

let t: TestService;
let mod: {
  uploads: typeof import('./uploads');
  deployment: typeof import('./deployment');
  client: typeof import('./client');
  variants: typeof import('./variants');
  images: typeof import('@/lib/db/images');
  users: typeof import('@/lib/db/users');
  env: typeof import('@/lib/env');
};

beforeAll(async () => {
  t = await startTestService();
  stubAppEnv(t);
  mod = {
    uploads: await import('./uploads'),
    deployment: await import('./deployment'),
    client: await import('./client'),
    variants: await import('./variants'),
    images: await import('@/lib/db/images'),
    users: await import('@/lib/db/users'),
    env: await import('@/lib/env'),
  };
  await mod.variants.ensureVariants(new mod.client.ImagesClient(mod.env.appEnv().images));
});
afterAll(() => t.stop());
afterEach(() => vi.restoreAllMocks());

/** Two app instances of one deployment: one store, two connections (pools), one image client each. */
async function twoInstances() {
  const where = await freshStore();
  const [dbA, dbB] = [await openTestDb(where), await openTestDb(where)];
  const deploymentId = await mod.deployment.deploymentId(dbA, null);
  const client = () => new mod.client.ImagesClient(mod.env.appEnv().images);
  const a = { db: dbA, client: client(), deploymentId };
  const b = { db: dbB, client: client(), deploymentId };
  const user = await mod.users.createUser({ email: 'up@example.com', passwordHash: null, role: 'uploader' }, dbA);
  return { a, b, uploader: { id: user.id, role: 'uploader' as const } };
}

/** Every call to the image service's REST API and delivery, by method. */
function countCalls(...clients: import('./client').ImagesClient[]) {
  const spies = clients.map((c) => ({
    get: vi.spyOn(c, 'get'),
    blob: vi.spyOn(c, 'blob'),
    deliver: vi.spyOn(c, 'deliver'),
  }));
  const total = (name: 'get' | 'blob' | 'deliver') => spies.reduce((n, s) => n + s[name].mock.calls.length, 0);
  return { total, spies };
}

describe('completion', () => {
  it('runs once however many signals arrive at once, on two instances', async () => {
    const { a, b, uploader } = await twoInstances();
    const ticket = await mod.uploads.mintUpload(uploader, { filename: 'race.jpg', size: 1000, type: 'image/jpeg' }, a);
    expect((await postFile(ticket.uploadURL, await cameraJpeg(400, 300), 'race.jpg')).status).toBe(200);
    const serviceId = (await mod.images.getImage(ticket.id, a.db))?.service_id ?? '';
    const calls = countCalls(a.client, b.client);

    const states = await Promise.all([
      mod.uploads.completeForUser(uploader, ticket.id, a), // the browser
      mod.uploads.completeFromWebhook(serviceId, b), // the webhook, on the other instance
      mod.uploads.reconcilePending(0, a).then((c) => (c.ready ? 'ready' : 'pending')), // reconciliation
      mod.uploads.completeForUser(uploader, ticket.id, b), // a second browser call, other instance
    ]);

    expect(states).toContain('ready');
    expect(states.every((s) => s === 'ready' || s === 'pending')).toBe(true);
    expect(calls.total('get')).toBe(1); // the backend was read once
    expect(calls.total('deliver')).toBe(1); // one small variant for the placeholder
    expect(calls.total('blob')).toBe(0); // never the original
    const audits = await a.db
      .selectFrom('audit_log')
      .select('action')
      .where('target', '=', ticket.id)
      .where('action', '=', 'image.uploaded')
      .execute();
    expect(audits).toHaveLength(1); // complete once
    expect(await mod.images.getImage(ticket.id, b.db)).toMatchObject({
      status: 'ready',
      width: 300, // upright: the camera JPEG is rotated by its EXIF orientation
      height: 400,
      content_type: 'image/jpeg',
      completing_until: null,
    });
    // Later signals find it done and ask nobody.
    expect(await mod.uploads.completeFromWebhook(serviceId, a)).toBe('ready');
    expect(calls.total('get')).toBe(1);
  });

  it('records size and format from the service and the placeholder from the small variant, never the original', async () => {
    const { a, uploader } = await twoInstances();
    const ticket = await mod.uploads.mintUpload(uploader, { filename: 'big.jpg', size: 1000, type: 'image/jpeg' }, a);
    await postFile(ticket.uploadURL, await jpeg(1600, 1200));
    const calls = countCalls(a.client);
    expect(await mod.uploads.completeForUser(uploader, ticket.id, a)).toBe('ready');
    const stored = await a.client.get((await mod.images.getImage(ticket.id, a.db))?.service_id ?? '');
    const row = await mod.images.getImage(ticket.id, a.db);
    expect(row).toMatchObject({ width: 1600, height: 1200, bytes: stored.pixvault?.bytes, content_type: 'image/jpeg' });
    expect(Buffer.from(row?.placeholder ?? '', 'base64').length).toBeGreaterThan(5);
    expect(calls.total('blob')).toBe(0);
    const fetched = calls.spies[0]?.deliver.mock.calls[0]?.[0] ?? '';
    expect(new URL(fetched).pathname).toMatch(/\/placeholder$/);
  });

  it('lets a claim go when the bytes have not arrived, and takes over one whose holder stopped', async () => {
    const { a, uploader } = await twoInstances();
    const ticket = await mod.uploads.mintUpload(uploader, { filename: 'later.jpg', size: 1000, type: 'image/jpeg' }, a);
    expect(await mod.uploads.completeForUser(uploader, ticket.id, a)).toBe('pending');
    expect((await mod.images.getImage(ticket.id, a.db))?.completing_until).toBeNull();

    const now = Date.now();
    expect(await mod.images.claimCompletion(ticket.id, 60_000, a.db, now)).toBe(true);
    expect(await mod.images.claimCompletion(ticket.id, 60_000, a.db, now + 1000)).toBe(false);
    // A holder that crashed: once its lease ran out, the record can be claimed again.
    expect(await mod.images.claimCompletion(ticket.id, 60_000, a.db, now + 61_000)).toBe(true);
    await mod.images.releaseCompletion(ticket.id, a.db);
    await postFile(ticket.uploadURL, await jpeg(64, 48));
    expect(await mod.uploads.completeForUser(uploader, ticket.id, a)).toBe('ready');
  });
});
