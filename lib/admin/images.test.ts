/**
 * The console's image actions against a real (embedded) image service in-process: bulk delete,
 * visibility and owner with per-image failures reported, "all matching" selections, title and
 * metadata edits that keep Pixvault's own keys, and the transfer of a user's images.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stubAppEnv } from '@/test/helpers/app-env';
import { type Person, person, serviceStatus, uploadAs } from '@/test/helpers/app-images';
import { startTestService, type TestService } from '@/test/helpers/service';

vi.mock('server-only', () => ({}));
vi.mock('@/lib/auth/session', () => import('@/test/helpers/session'));

let t: TestService;
beforeAll(async () => {
  t = await startTestService();
  stubAppEnv(t);
});
afterAll(() => t.stop());

const { getImage } = await import('@/lib/db/images');
const { getDb } = await import('@/lib/db/index');
const { imagesClient } = await import('@/lib/images/client');
const { ensureVariants } = await import('@/lib/images/variants');
const { deliveryUrl, signedVariantUrls } = await import('@/lib/images/urls');
const { bulkImages } = await import('./image-bulk');
const { editImage, imageMetadataFor } = await import('./images');
const { removeUserFor } = await import('./users');
const { adminImageEditSchema } = await import('@/lib/schemas/admin-images');

let admin: Person;
let owner: Person;
let other: Person;
let viewer: Person;

beforeAll(async () => {
  await ensureVariants(imagesClient());
  admin = await person('admin@example.com', 'admin');
  owner = await person('owner@example.com', 'uploader');
  other = await person('other@example.com', 'uploader');
  viewer = await person('viewer@example.com', 'viewer');
});

/** Uploads the way the app does (mint, send the bytes, complete); `finish: false` leaves it pending. */
const upload = (by: Person, title: string, finish = true) => uploadAs(by, title, { finish });

const thumbnailUrl = (serviceId: string) => signedVariantUrls(serviceId, ['thumbnail']).urls.thumbnail;
const auditOf = async (target: string) =>
  (await getDb())
    .selectFrom('audit_log')
    .select(['actor_id', 'action', 'detail'])
    .where('target', '=', target)
    .orderBy('id')
    .execute();

describe('bulk delete', () => {
  it('moves images to the trash (signed URLs stop working) and reports ids that are gone', async () => {
    const a = await upload(owner, 'delete-a');
    const b = await upload(owner, 'delete-b');
    const keep = await upload(owner, 'delete-keep');
    const urlA = thumbnailUrl(a.serviceId);
    expect((await fetch(urlA)).status).toBe(200); // rendered: a variant exists before the delete

    const result = await bulkImages(admin, {
      action: 'delete',
      selection: { kind: 'ids', ids: [a.id, 'no-such-image', b.id] },
    });

    expect(result).toEqual({
      attempted: 3,
      succeeded: 2,
      failed: [{ id: 'no-such-image', label: 'no-such-image', reason: 'Image not found.' }],
    });
    // Into the trash: the record and the service's image stay (restorable), delivery stops at once.
    for (const img of [a, b]) {
      expect((await getImage(img.id))?.trashed_at).toEqual(expect.any(Number));
      expect(await serviceStatus(img.serviceId)).toBe(200);
      expect((await fetch(thumbnailUrl(img.serviceId))).status).toBe(404);
    }
    expect(await auditOf(a.id)).toContainEqual({
      actor_id: admin.id,
      action: 'image.trashed',
      detail: JSON.stringify({ title: 'delete-a' }),
    });
    expect(await getImage(keep.id)).toBeDefined();
    expect((await fetch(thumbnailUrl(keep.serviceId))).status).toBe(200);
  });
});

describe('bulk visibility', () => {
  it('makes the rest public and lists each failure with its reason', async () => {
    const ok = await upload(owner, 'vis-ok');
    const lost = await upload(owner, 'vis-lost');
    const pending = await upload(owner, 'vis-pending', false);
    await imagesClient().remove(lost.serviceId); // gone from the service behind the app's back

    const result = await bulkImages(admin, {
      action: 'make_public',
      selection: { kind: 'ids', ids: [ok.id, lost.id, pending.id] },
    });

    expect(result).toEqual({
      attempted: 3,
      succeeded: 1,
      failed: [
        { id: lost.id, label: 'vis-lost', reason: 'The image service no longer has this image.' },
        { id: pending.id, label: 'vis-pending', reason: 'The upload has not finished yet.' },
      ],
    });
    expect((await getImage(ok.id))?.private).toBe(0);
    expect((await getImage(lost.id))?.private).toBe(1); // the record still tells the truth
    expect((await fetch(deliveryUrl(ok.serviceId, 'public'))).status).toBe(200); // unsigned now works

    expect(await bulkImages(admin, { action: 'make_private', selection: { kind: 'ids', ids: [ok.id] } })).toEqual({
      attempted: 1,
      succeeded: 1,
      failed: [],
    });
    expect((await fetch(deliveryUrl(ok.serviceId, 'public'))).status).toBe(403);
    expect((await auditOf(ok.id)).map((e) => [e.action, e.detail])).toEqual([
      ['image.uploaded', expect.any(String)],
      ['image.updated', JSON.stringify({ private: false, bulk: true })],
      ['image.updated', JSON.stringify({ private: true, bulk: true })],
    ]);
  });

  it('skips trashed images picked by id, as if they were gone, and leaves them blocked', async () => {
    const trashed = await upload(owner, 'vis-trashed');
    const result0 = await bulkImages(admin, { action: 'delete', selection: { kind: 'ids', ids: [trashed.id] } });
    expect(result0.succeeded).toBe(1);

    for (const action of ['make_public', 'make_private', 'change_owner', 'delete'] as const) {
      const result = await bulkImages(admin, {
        action,
        ownerId: action === 'change_owner' ? other.id : undefined,
        selection: { kind: 'ids', ids: [trashed.id] },
      });
      expect(result, action).toEqual({
        attempted: 1,
        succeeded: 0,
        failed: [{ id: trashed.id, label: trashed.id, reason: 'Image not found.' }],
      });
    }
    const row = await getImage(trashed.id);
    expect(row).toMatchObject({ private: 1, owner_id: owner.id, trashed_at: expect.any(Number) });
    expect((await imagesClient().get(trashed.serviceId)).requireSignedURLs).toBe(true);
    expect((await fetch(deliveryUrl(trashed.serviceId, 'public'))).status).not.toBe(200);
  });
});

describe('bulk owner change and "all matching"', () => {
  it('acts on everything the filter matches, and refuses when the match changed since the admin confirmed', async () => {
    const tag = `batch-${Date.now()}`;
    const one = await upload(owner, `${tag}-1`);
    const two = await upload(owner, `${tag}-2`);
    const filter = { q: tag, visibility: 'all' as const };

    await expect(
      bulkImages(admin, {
        action: 'change_owner',
        ownerId: other.id,
        selection: { kind: 'filter', filter, expected: 3 },
      }),
    ).rejects.toMatchObject({ status: 409, code: 'selection_changed' });
    expect((await getImage(one.id))?.owner_id).toBe(owner.id);

    const result = await bulkImages(admin, {
      action: 'change_owner',
      ownerId: other.id,
      selection: { kind: 'filter', filter, expected: 2 },
    });
    expect(result).toEqual({ attempted: 2, succeeded: 2, failed: [] });
    for (const img of [one, two]) {
      expect((await getImage(img.id))?.owner_id).toBe(other.id);
      expect((await imagesClient().get(img.serviceId)).meta).toMatchObject({ owner: other.id, record: img.id });
    }
    expect(await auditOf(one.id)).toContainEqual({
      actor_id: admin.id,
      action: 'image.owner_changed',
      detail: JSON.stringify({ from: owner.id, to: other.id, bulk: true }),
    });
  });

  it('refuses a viewer or an unknown user as the new owner before changing anything', async () => {
    const img = await upload(owner, 'owner-refused');
    const selection = { kind: 'ids' as const, ids: [img.id] };
    await expect(bulkImages(admin, { action: 'change_owner', ownerId: viewer.id, selection })).rejects.toMatchObject({
      status: 400,
      message: 'The new owner must be an uploader or an admin.',
    });
    await expect(bulkImages(admin, { action: 'change_owner', ownerId: 'nobody', selection })).rejects.toMatchObject({
      status: 400,
    });
    expect((await getImage(img.id))?.owner_id).toBe(owner.id);
  });

  it('refuses anyone but an admin', async () => {
    const img = await upload(owner, 'not-yours');
    await expect(
      bulkImages(owner, { action: 'delete', selection: { kind: 'ids', ids: [img.id] } }),
    ).rejects.toMatchObject({ status: 403 });
    expect(await getImage(img.id)).toBeDefined();
  });
});

describe('title and metadata', () => {
  it('replaces the admin’s keys and keeps Pixvault’s own', async () => {
    const img = await upload(owner, 'meta');
    const before = await imageMetadataFor(admin, img.id);
    expect(before.metadata).toEqual({});
    expect(Object.keys(before.reserved).sort()).toEqual(['app', 'deployment', 'owner', 'record']);

    await editImage(admin, img.id, { title: 'Renamed', metadata: { camera: 'X100', shoot: 'spring' } });
    await editImage(admin, img.id, { metadata: { camera: 'X100V' } });

    expect(await imageMetadataFor(admin, img.id)).toEqual({ metadata: { camera: 'X100V' }, reserved: before.reserved });
    expect((await imagesClient().get(img.serviceId)).meta).toEqual({ camera: 'X100V', ...before.reserved });
    expect((await getImage(img.id))?.title).toBe('Renamed');
    expect((await auditOf(img.id)).map((e) => e.action)).toEqual([
      'image.uploaded',
      'image.metadata_changed',
      'image.updated',
      'image.metadata_changed',
    ]);
  });

  it('refuses reserved keys, oversized metadata and pending uploads, changing nothing', async () => {
    expect(adminImageEditSchema.safeParse({ metadata: { owner: 'me' } }).success).toBe(false);
    expect(adminImageEditSchema.safeParse({}).success).toBe(false);
    const img = await upload(owner, 'meta-big');
    await expect(editImage(admin, img.id, { metadata: { big: 'x'.repeat(1000) } })).rejects.toMatchObject({
      status: 400,
      code: 'metadata_too_large',
    });
    expect((await imageMetadataFor(admin, img.id)).metadata).toEqual({});
    const pending = await upload(owner, 'meta-pending', false);
    await expect(editImage(admin, pending.id, { metadata: { a: 'b' } })).rejects.toMatchObject({ status: 409 });
    await expect(editImage(admin, 'missing', { title: 'x' })).rejects.toMatchObject({ status: 404 });
    await expect(editImage(owner, img.id, { title: 'x' })).rejects.toMatchObject({ status: 403 });
  });
});

describe('owner tags at the image service', () => {
  it('follow a removal that gives the images to someone else', async () => {
    const leaver = await person('leaver@example.com', 'uploader');
    const heir = await person('heir@example.com', 'uploader');
    const imgs = [await upload(leaver, 'leaver-1'), await upload(leaver, 'leaver-2')];

    expect(await removeUserFor(admin, leaver.id, { images: 'transfer', to: heir.id })).toBe(2);

    for (const img of imgs) {
      expect((await getImage(img.id))?.owner_id).toBe(heir.id);
      const meta = (await imagesClient().get(img.serviceId)).meta;
      // The owner changes; the deployment's own tags stay, or reconciliation would no longer know the image.
      expect(meta).toMatchObject({ owner: heir.id, app: 'pixvault', record: img.id });
    }
  });
});
