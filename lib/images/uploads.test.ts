/**
 * The app's side of uploads against a real (embedded) image service in-process: minting, completion by
 * the browser, by the webhook path and by reconciliation, the placeholder and size recorded, expired
 * drafts dropped, the per-user rate limit, and idempotent variant set-up.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stubAppEnv } from '@/test/helpers/app-env';
import { cameraJpeg, jpeg } from '@/test/helpers/images';
import { postFile, startTestService, type TestService } from '@/test/helpers/service';

let t: TestService;
let mod: {
  uploads: typeof import('./uploads');
  db: typeof import('@/lib/db/images');
  users: typeof import('@/lib/db/users');
  variants: typeof import('./variants');
  client: typeof import('./client');
};
let uploader: { id: string; role: 'uploader' };

beforeAll(async () => {
  t = await startTestService();
  // The app talks to the service exactly as it would to Cloudflare: base URL and credentials only.
  stubAppEnv(t);
  vi.stubEnv('PIXVAULT_UPLOADS_PER_MINUTE', '6');
  mod = {
    uploads: await import('./uploads'),
    db: await import('@/lib/db/images'),
    users: await import('@/lib/db/users'),
    variants: await import('./variants'),
    client: await import('./client'),
  };
  uploader = {
    id: (await mod.users.createUser({ email: 'up@example.com', passwordHash: null, role: 'uploader' })).id,
    role: 'uploader',
  };
});
afterAll(() => t.stop());

const mint = (name = 'photo.jpg') =>
  mod.uploads.mintUpload(uploader, { filename: name, size: 1000, type: 'image/jpeg' });

describe('uploads, app side', () => {
  it('creates the variants once and then changes nothing', async () => {
    const client = mod.client.imagesClient();
    expect(await mod.variants.ensureVariants(client)).toEqual({
      created: ['thumbnail', 'mobile', 'desktop', 'tile200', 'tile300', 'tile450', 'tile675', 'large', 'placeholder'],
      updated: [],
    });
    expect(await mod.variants.ensureVariants(client)).toEqual({ created: [], updated: [] });
    await client.updateVariant({ id: 'thumbnail', options: { fit: 'cover', width: 10, height: 10, metadata: 'none' } });
    expect(await mod.variants.ensureVariants(client)).toEqual({ created: [], updated: ['thumbnail'] });
  });

  it('mints a private one-time URL whose draft carries the owner and record id', async () => {
    const ticket = await mint('Summer_Holiday.jpg');
    const draft = await mod.client.imagesClient().get((await mod.db.getImage(ticket.id))?.service_id ?? '');
    expect(draft).toMatchObject({
      draft: true,
      requireSignedURLs: true,
      meta: { app: 'pixvault', deployment: expect.any(String), record: ticket.id, owner: uploader.id },
    });
    expect(await mod.db.getImage(ticket.id)).toMatchObject({
      status: 'pending',
      title: 'Summer Holiday',
      owner_id: uploader.id,
    });
  });

  it('completes after the browser sent the bytes: upright size, byte size, placeholder', async () => {
    const ticket = await mint('camera.jpg');
    expect(await mod.uploads.completeForUser(uploader, ticket.id)).toBe('pending');
    const bytes = await cameraJpeg(400, 300);
    expect((await postFile(ticket.uploadURL, bytes, 'camera.jpg')).status).toBe(200);
    expect(await mod.uploads.completeForUser(uploader, ticket.id)).toBe('ready');
    const row = await mod.db.getImage(ticket.id);
    expect(row).toMatchObject({
      status: 'ready',
      width: 300,
      height: 400,
      content_type: 'image/jpeg',
      filename: 'camera.jpg',
    });
    expect(row?.bytes).toBeGreaterThan(0);
    expect(Buffer.from(row?.placeholder ?? '', 'base64').length).toBeGreaterThan(5);
    expect(await mod.uploads.completeForUser(uploader, ticket.id)).toBe('ready'); // idempotent
  });

  it('completes from the webhook and by reconciliation when the tab closed', async () => {
    const viaHook = await mint('hook.jpg');
    await postFile(viaHook.uploadURL, await jpeg(200, 100));
    const hookRow = await mod.db.getImage(viaHook.id);
    expect(await mod.uploads.completeFromWebhook(hookRow?.service_id ?? '')).toBe('ready');
    expect((await mod.db.getImage(viaHook.id))?.status).toBe('ready');

    const viaReconcile = await mint('closed-tab.jpg');
    await postFile(viaReconcile.uploadURL, await jpeg(120, 80));
    const counts = await mod.uploads.reconcilePending(0);
    expect(counts.ready).toBeGreaterThanOrEqual(1);
    expect(await mod.db.getImage(viaReconcile.id)).toMatchObject({ status: 'ready', width: 120, height: 80 });
  });

  it('deletes an upload of ours from the service when its record was already given up', async () => {
    const ticket = await mint('late.jpg');
    const serviceId = (await mod.db.getImage(ticket.id))?.service_id ?? '';
    await mod.db.deleteImageRecord(ticket.id); // as reconciliation does when it believes the URL expired
    await postFile(ticket.uploadURL, await jpeg(50, 50));
    expect(await mod.uploads.completeFromWebhook(serviceId)).toBe('gone');
    await expect(mod.client.imagesClient().get(serviceId)).rejects.toMatchObject({ status: 404 });
  });

  it('leaves images of other apps in a shared account alone', async () => {
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(await jpeg(20, 20))], { type: 'image/jpeg' }), 'x.jpg');
    form.set('metadata', JSON.stringify({ app: 'someone-else' }));
    const res = await fetch(`${t.api}/v1`, { method: 'POST', headers: t.auth, body: form });
    const foreign = (await res.json()).result.id as string;
    expect(await mod.uploads.completeFromWebhook(foreign)).toBe('gone');
    expect((await mod.client.imagesClient().get(foreign)).id).toBe(foreign);
  });

  it('drops a record whose upload URL expired unused', async () => {
    const ticket = await mint('never.jpg');
    const serviceId = (await mod.db.getImage(ticket.id))?.service_id ?? '';
    await mod.client.imagesClient().remove(serviceId); // what expiry does to the draft on the embedded service
    expect(await mod.uploads.completeForUser(uploader, ticket.id)).toBe('gone');
    expect(await mod.db.getImage(ticket.id)).toBeUndefined();
  });

  it('mints a batch in one call, one rate-limit token per URL: the rest come back 429 with a wait', async () => {
    const batcher = {
      id: (await mod.users.createUser({ email: 'batch@example.com', passwordHash: null, role: 'uploader' })).id,
      role: 'uploader' as const,
    };
    const files = Array.from({ length: 8 }, (_, i) => ({
      filename: `b${i}.jpg`,
      size: 1000,
      type: 'image/jpeg' as const,
    }));
    const answers = await mod.uploads.mintUploads(batcher, files);
    expect(answers.filter((a) => a.ok)).toHaveLength(6); // PIXVAULT_UPLOADS_PER_MINUTE=6
    expect(answers.slice(6)).toEqual([
      {
        ok: false,
        error: expect.objectContaining({ status: 429, code: 'rate_limited', retryAfterSeconds: expect.any(Number) }),
      },
      { ok: false, error: expect.objectContaining({ status: 429, code: 'rate_limited' }) },
    ]);
    const first = answers[0];
    if (!first?.ok) throw new Error('expected a ticket');
    expect(await mod.db.getImage(first.ticket.id)).toMatchObject({
      status: 'pending',
      title: 'b0',
      owner_id: batcher.id,
    });
    // Nothing left: the whole request is a 429 that says how long to wait.
    await expect(mod.uploads.mintUploads(batcher, files.slice(0, 1))).rejects.toMatchObject({
      status: 429,
      retryAfterSeconds: expect.any(Number),
    });
    await expect(mod.uploads.mintUploads({ id: batcher.id, role: 'viewer' }, files)).rejects.toThrow(
      /uploaders and admins/,
    );
  });

  it('refuses viewers and limits how many URLs one user mints per minute', async () => {
    await expect(
      mod.uploads.mintUpload({ id: uploader.id, role: 'viewer' }, { filename: 'a.jpg', size: 1, type: 'image/jpeg' }),
    ).rejects.toThrow(/uploaders and admins/);
    let refused: unknown = null;
    for (let i = 0; i < 8 && !refused; i++) await mint().catch((err: unknown) => (refused = err));
    expect(refused).toMatchObject({ status: 429, code: 'rate_limited' });
  });
});
