/**
 * The trash against a real (embedded) image service in-process, on both engines: delete moves to the
 * trash and a signed URL minted before stops at once; restore brings it back (the same URL works again);
 * "delete forever" and the 30-day sweep (pinned clock) purge the original and every variant; two sweeps
 * at once purge each image once. Also the duplicate lookup by content hash.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stubAppEnv } from '@/test/helpers/app-env';
import { type Person, person, serviceStatus, uploadAs } from '@/test/helpers/app-images';
import { jpeg } from '@/test/helpers/images';
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
const { listGallery } = await import('@/lib/db/gallery-list');
const { findByContentHash, setContentHash, duplicateGroups } = await import('@/lib/db/duplicates');
const { TRASH_MS } = await import('@/lib/db/trash');
const { imagesClient } = await import('@/lib/images/client');
const { ensureVariants } = await import('@/lib/images/variants');
const { signedVariantUrls } = await import('@/lib/images/urls');
const { deleteImageFor } = await import('./manage');
const { trashImageFor, restoreImageFor, purgeImageFor, sweepTrash, trashFor, emptyTrash } = await import('./trash');

let admin: Person;
let owner: Person;
let other: Person;

beforeAll(async () => {
  await ensureVariants(imagesClient());
  admin = await person('admin@example.com', 'admin');
  owner = await person('owner@example.com', 'uploader');
  other = await person('other@example.com', 'uploader');
});

let n = 0;
const upload = async (by: Person, title: string) => uploadAs(by, title, { bytes: await jpeg(64 + n++, 48) });

const thumbnail = (serviceId: string) => signedVariantUrls(serviceId, ['thumbnail']).urls.thumbnail;

describe('trash', () => {
  it('blocks a signed URL minted before the delete at once, and restore makes it work again', async () => {
    const img = await upload(owner, 'sunset');
    const url = thumbnail(img.serviceId);
    expect((await fetch(url)).status).toBe(200);

    await deleteImageFor(owner, img.id);
    expect((await fetch(url)).status).toBe(404);
    expect((await listGallery({ limit: 100 })).rows.map((r) => r.id)).not.toContain(img.id);
    expect((await trashFor(owner)).map((r) => r.id)).toContain(img.id);
    expect((await trashFor(other)).map((r) => r.id)).not.toContain(img.id);
    expect((await trashFor(admin)).map((r) => r.id)).toContain(img.id);
    // Another uploader may neither restore nor purge it.
    await expect(restoreImageFor(other, img.id)).rejects.toMatchObject({ status: 403 });
    await expect(purgeImageFor(other, img.id)).rejects.toMatchObject({ status: 403 });

    await restoreImageFor(owner, img.id);
    expect((await fetch(url)).status).toBe(200);
    expect((await getImage(img.id))?.trashed_at).toBeNull();
    expect((await listGallery({ limit: 100 })).rows.map((r) => r.id)).toContain(img.id);
    await expect(restoreImageFor(owner, img.id)).rejects.toMatchObject({ status: 404 });
  });

  it('keeps a public image unsigned-blocked while trashed and public again after restore', async () => {
    const img = await upload(owner, 'public-one');
    await imagesClient().update(img.serviceId, { requireSignedURLs: false });
    const { updateImage } = await import('@/lib/db/images');
    await updateImage(img.id, { private: false });
    await trashImageFor(owner, img.id);
    expect((await imagesClient().get(img.serviceId)).requireSignedURLs).toBe(true);
    await restoreImageFor(owner, img.id);
    const back = await imagesClient().get(img.serviceId);
    expect(back.requireSignedURLs).toBe(false);
    expect(back.meta).not.toHaveProperty('trashed');
  });

  it('restore leaves the image in the trash when the backend refuses to unblock it, and a retry works', async () => {
    const { ImageServiceError } = await import('@/lib/images/client');
    const img = await upload(owner, 'restore-fails');
    const url = thumbnail(img.serviceId);
    await trashImageFor(owner, img.id);
    const trashedAt = (await getImage(img.id))?.trashed_at;

    const update = vi
      .spyOn(imagesClient(), 'update')
      .mockRejectedValueOnce(new ImageServiceError(503, null, 'Service unavailable'));
    await expect(restoreImageFor(owner, img.id)).rejects.toBeInstanceOf(ImageServiceError);
    update.mockRestore();
    // Still in the trash as it was (same deletion time), not back in the library while blocked.
    expect((await getImage(img.id))?.trashed_at).toBe(trashedAt);
    expect((await trashFor(owner)).map((r) => r.id)).toContain(img.id);
    expect((await listGallery({ limit: 100 })).rows.map((r) => r.id)).not.toContain(img.id);
    expect((await fetch(url)).status).toBe(404);

    await restoreImageFor(owner, img.id);
    expect((await getImage(img.id))?.trashed_at).toBeNull();
    expect((await fetch(url)).status).toBe(200);
  });

  it('an image an admin took down comes back only through an admin; its owner may still delete it forever', async () => {
    const img = await upload(owner, 'taken-down');
    await trashImageFor(admin, img.id);
    expect((await trashFor(owner)).find((i) => i.id === img.id)).toMatchObject({ mine: true, restorable: false });
    expect((await trashFor(admin)).find((i) => i.id === img.id)).toMatchObject({ restorable: true });
    await expect(restoreImageFor(owner, img.id)).rejects.toMatchObject({ status: 403 });
    expect((await getImage(img.id))?.trashed_at).not.toBeNull();
    await restoreImageFor(admin, img.id);
    expect((await getImage(img.id))?.trashed_at).toBeNull();

    // The owner's own delete stays theirs to undo.
    await trashImageFor(owner, img.id);
    expect((await trashFor(owner)).find((i) => i.id === img.id)).toMatchObject({ restorable: true });
    await restoreImageFor(owner, img.id);
    await trashImageFor(admin, img.id);
    await purgeImageFor(owner, img.id);
    expect(await getImage(img.id)).toBeUndefined();
  });

  it('deletes forever: the original and every variant go, the record too', async () => {
    const img = await upload(owner, 'forever');
    await trashImageFor(owner, img.id);
    await purgeImageFor(owner, img.id);
    expect(await getImage(img.id)).toBeUndefined();
    expect(await serviceStatus(img.serviceId)).toBe(404);
    await expect(purgeImageFor(owner, img.id)).rejects.toMatchObject({ status: 404 });
  });

  it('the sweep purges only after 30 days (pinned clock), is idempotent, and two sweeps purge each once', async () => {
    const t0 = Date.UTC(2026, 0, 1);
    const a = await upload(owner, 'old-a');
    const b = await upload(other, 'old-b');
    await trashImageFor(owner, a.id, t0);
    await trashImageFor(admin, b.id, t0 + 1000);

    expect(await sweepTrash(t0 + TRASH_MS - 1)).toBe(0);
    expect(await getImage(a.id)).toBeDefined();

    const later = t0 + TRASH_MS + 2000;
    const [x, y] = await Promise.all([sweepTrash(later), sweepTrash(later)]);
    expect(x + y).toBe(2);
    expect(await getImage(a.id)).toBeUndefined();
    expect(await getImage(b.id)).toBeUndefined();
    expect(await serviceStatus(a.serviceId)).toBe(404);
    expect(await serviceStatus(b.serviceId)).toBe(404);
    expect(await sweepTrash(later)).toBe(0);
  });

  it('empty trash (admins) purges everything trashed', async () => {
    const a = await upload(owner, 'empty-a');
    const keep = await upload(owner, 'empty-keep');
    await trashImageFor(owner, a.id);
    await expect(emptyTrash(owner)).rejects.toMatchObject({ status: 403 });
    expect(await emptyTrash(admin)).toBeGreaterThanOrEqual(1);
    expect(await getImage(a.id)).toBeUndefined();
    expect(await trashFor(admin)).toEqual([]);
    expect(await getImage(keep.id)).toBeDefined();
  });
});

describe('duplicates', () => {
  it('finds a library image by content hash, not trashed ones, and groups duplicates', async () => {
    const hash = 'ab'.repeat(32);
    const first = await upload(owner, 'dup-first');
    const second = await upload(other, 'dup-second');
    expect(await findByContentHash(hash)).toBeUndefined();
    await setContentHash(first.id, hash);
    expect(await findByContentHash(hash)).toEqual({ id: first.id, title: 'dup-first' });
    await setContentHash(second.id, hash);
    const group = (await duplicateGroups(10)).find((g) => g.hash === hash);
    expect(group?.images.map((i) => i.id).sort()).toEqual([first.id, second.id].sort());

    await trashImageFor(owner, first.id);
    await trashImageFor(other, second.id);
    expect(await findByContentHash(hash)).toBeUndefined();
    expect((await duplicateGroups(10)).find((g) => g.hash === hash)).toBeUndefined();
  });
});
