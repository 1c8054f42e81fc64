/**
 * Two deployments (say staging and production) with their own data folders and databases, on one
 * image account: each hears the other's webhooks and runs its own reconciliation, and no upload of
 * either is lost to the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stubAppEnv } from '@/test/helpers/app-env';
import { freshDb, freshStore, openTestDb } from '@/test/helpers/db';
import { jpeg } from '@/test/helpers/images';
import { postFile, startTestService, type TestService } from '@/test/helpers/service';

let t: TestService;
let mod: {
  uploads: typeof import('./uploads');
  deployment: typeof import('./deployment');
  client: typeof import('./client');
  images: typeof import('@/lib/db/images');
  users: typeof import('@/lib/db/users');
  env: typeof import('@/lib/env');
};

interface Deployment {
  ctx: import('./uploads').UploadContext;
  uploader: { id: string; role: 'uploader' };
}

/** One deployment: its own app store; the image account is shared. */
async function deployment(): Promise<Deployment> {
  const db = await freshDb();
  const client = new mod.client.ImagesClient(mod.env.appEnv().images);
  const ctx = { db, client, deploymentId: await mod.deployment.deploymentId(db, null) };
  const user = await mod.users.createUser({ email: 'up@example.com', passwordHash: null, role: 'uploader' }, db);
  return { ctx, uploader: { id: user.id, role: 'uploader' } };
}

beforeAll(async () => {
  t = await startTestService();
  stubAppEnv(t);
  mod = {
    uploads: await import('./uploads'),
    deployment: await import('./deployment'),
    client: await import('./client'),
    images: await import('@/lib/db/images'),
    users: await import('@/lib/db/users'),
    env: await import('@/lib/env'),
  };
});
afterAll(() => t.stop());

/** Mints an upload and sends its bytes, as a browser would, but never reports completion (the tab closed). */
async function uploadWithoutCompleting(d: Deployment, name: string): Promise<{ recordId: string; serviceId: string }> {
  const ticket = await mod.uploads.mintUpload(d.uploader, { filename: name, size: 1000, type: 'image/jpeg' }, d.ctx);
  expect((await postFile(ticket.uploadURL, await jpeg(40, 30), name)).status).toBe(200);
  const serviceId = (await mod.images.getImage(ticket.id, d.ctx.db))?.service_id;
  if (!serviceId) throw new Error('the upload has no service id');
  return { recordId: ticket.id, serviceId };
}

const existsInService = (d: Deployment, serviceId: string) =>
  d.ctx.client.get(serviceId).then(
    (image) => !image.draft,
    () => false,
  );

describe('deployment id', () => {
  it('is generated once per app store and kept; configuration overrides it', async () => {
    const where = await freshStore();
    const first = await mod.deployment.deploymentId(await openTestDb(where), null);
    expect(await mod.deployment.deploymentId(await openTestDb(where), null)).toBe(first);
    expect((await deployment()).ctx.deploymentId).not.toBe(first);
    expect(await mod.deployment.deploymentId(await openTestDb(where), 'staging')).toBe('staging');
  });
});

describe('two deployments on one image account', () => {
  it("keep each other's uploads through webhooks and reconciliation", async () => {
    const staging = await deployment();
    const production = await deployment();
    const fromStaging = await uploadWithoutCompleting(staging, 'staging.jpg');
    const fromProduction = await uploadWithoutCompleting(production, 'production.jpg');

    // The account's webhook reaches every deployment, each about every upload.
    for (const d of [staging, production])
      for (const u of [fromStaging, fromProduction]) await mod.uploads.completeFromWebhook(u.serviceId, d.ctx);
    for (const d of [staging, production]) await mod.uploads.reconcilePending(0, d.ctx);

    for (const u of [fromStaging, fromProduction]) expect(await existsInService(staging, u.serviceId)).toBe(true);
    expect((await mod.images.getImage(fromStaging.recordId, staging.ctx.db))?.status).toBe('ready');
    expect((await mod.images.getImage(fromProduction.recordId, production.ctx.db))?.status).toBe('ready');
    // Neither recorded the other's image.
    expect(await mod.images.getImageByServiceId(fromProduction.serviceId, staging.ctx.db)).toBeUndefined();
    expect(await mod.images.getImageByServiceId(fromStaging.serviceId, production.ctx.db)).toBeUndefined();
  });

  it("leave an upload still in progress alone when they hear of the other's image", async () => {
    const staging = await deployment();
    const production = await deployment();
    const ticket = await mod.uploads.mintUpload(
      production.uploader,
      { filename: 'slow.jpg', size: 1000, type: 'image/jpeg' },
      production.ctx,
    );
    const serviceId = (await mod.images.getImage(ticket.id, production.ctx.db))?.service_id ?? '';
    expect(await mod.uploads.completeFromWebhook(serviceId, staging.ctx)).toBe('gone');
    await mod.uploads.reconcilePending(0, staging.ctx);
    expect(await production.ctx.client.get(serviceId)).toMatchObject({ draft: true });
    expect((await postFile(ticket.uploadURL, await jpeg(20, 20))).status).toBe(200);
    expect(await mod.uploads.completeFromWebhook(serviceId, production.ctx)).toBe('ready');
  });

  it('still delete their own orphans, and only their own', async () => {
    const staging = await deployment();
    const production = await deployment();
    const orphan = await uploadWithoutCompleting(production, 'given-up.jpg');
    await mod.images.deleteImageRecord(orphan.recordId, production.ctx.db); // given up as expired meanwhile
    expect(await mod.uploads.completeFromWebhook(orphan.serviceId, staging.ctx)).toBe('gone');
    expect(await existsInService(production, orphan.serviceId)).toBe(true);
    expect(await mod.uploads.completeFromWebhook(orphan.serviceId, production.ctx)).toBe('gone');
    expect(await existsInService(production, orphan.serviceId)).toBe(false);
  });

  it('never delete an untagged upload (one made before deployments were tagged)', async () => {
    const d = await deployment();
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(await jpeg(20, 20))], { type: 'image/jpeg' }), 'old.jpg');
    form.set('metadata', JSON.stringify({ app: 'pixvault', record: 'a-record-nobody-has' }));
    const res = await fetch(`${t.api}/v1`, { method: 'POST', headers: t.auth, body: form });
    const serviceId = ((await res.json()) as { result: { id: string } }).result.id;
    expect(await mod.uploads.completeFromWebhook(serviceId, d.ctx)).toBe('gone');
    expect(await existsInService(d, serviceId)).toBe(true);
  });
});
