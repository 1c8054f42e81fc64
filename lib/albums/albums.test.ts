/** Albums on the real store (both engines): who may change them, what they hold, and what deleting leaves. */
import { describe, expect, it } from 'vitest';
import { stubAppEnv } from '@/test/helpers/app-env';

stubAppEnv();

const { createUser } = await import('@/lib/db/users');
const { getImage } = await import('@/lib/db/images');
const { readyRecord } = await import('@/test/helpers/ready-record');
const { getDb } = await import('@/lib/db/index');
const { addImagesFor, createAlbumFor, deleteAlbumFor, removeImagesFor, updateAlbumFor } = await import('./manage');
const { albumDetail, albumSummaries } = await import('./read');

let n = 0;
async function person(role: 'viewer' | 'uploader' | 'admin') {
  const row = await createUser({ email: `${role}-${++n}@example.com`, passwordHash: null, role });
  return { id: row.id, role };
}
async function image(ownerId: string) {
  n++;
  return readyRecord(
    ownerId,
    { recordId: `img-${n}`, serviceId: `svc-${n}`, title: `Photo ${n}` },
    { width: 40, height: 30 },
  );
}

describe('albums', () => {
  it('hold their owner’s images, newest added first, with a cover and a count everyone can see', async () => {
    const owner = await person('uploader');
    const viewer = await person('viewer');
    const [a, b] = [await image(owner.id), await image(owner.id)];
    const album = await createAlbumFor(owner, 'Harbour');
    expect(await addImagesFor(owner, album.id, [a])).toBe(1);
    expect(await addImagesFor(owner, album.id, [b, a])).toBe(1); // a is in already
    const seen = await albumDetail(viewer, album.id);
    expect(seen.images.map((i) => i.id)).toEqual([b, a]);
    expect(seen).toMatchObject({ imageCount: 2, canManage: false, allPublic: false });
    expect(seen.coverUrl).toContain(`svc-${b.slice(4)}/thumbnail`);
    await updateAlbumFor(owner, album.id, { coverImageId: a });
    const listed = (await albumSummaries(viewer, { imageId: a })).find((x) => x.id === album.id);
    expect(listed).toMatchObject({ hasImage: true, imageCount: 2 });
    expect(listed?.coverUrl).toContain(`svc-${a.slice(4)}/thumbnail`);
  });

  it('name their owner as the gallery does: viewers never see an address, admins see its name part', async () => {
    const owner = await person('uploader');
    const viewer = await person('viewer');
    const admin = await person('admin');
    const album = await createAlbumFor(owner, 'Named');
    const seenBy = async (who: { id: string; role: 'viewer' | 'uploader' | 'admin' }) =>
      (await albumSummaries(who)).find((x) => x.id === album.id)?.owner.name;
    expect(await seenBy(viewer)).toBe('a member');
    expect((await albumDetail(viewer, album.id)).owner.name).toBe('a member');
    expect(await seenBy(admin)).toMatch(/^uploader-\d+$/);
    expect(await seenBy(admin)).not.toContain('@');
  });

  it('refuse other people’s images and changes by anyone but the owner or an admin', async () => {
    const owner = await person('uploader');
    const other = await person('uploader');
    const viewer = await person('viewer');
    const admin = await person('admin');
    const theirs = await image(other.id);
    const album = await createAlbumFor(owner, 'Mine');
    await expect(addImagesFor(owner, album.id, [theirs])).rejects.toMatchObject({
      status: 422,
      code: 'not_your_image',
    });
    await expect(addImagesFor(owner, album.id, ['nope'])).rejects.toMatchObject({ status: 422 });
    await expect(updateAlbumFor(other, album.id, { title: 'Taken' })).rejects.toMatchObject({ status: 403 });
    await expect(updateAlbumFor(viewer, album.id, { title: 'Taken' })).rejects.toMatchObject({ status: 403 });
    await expect(updateAlbumFor(owner, album.id, { coverImageId: theirs })).rejects.toMatchObject({ status: 422 });
    await expect(deleteAlbumFor(other, album.id)).rejects.toMatchObject({ status: 403 });
    await updateAlbumFor(admin, album.id, { title: 'Renamed by an admin' });
    expect((await albumDetail(viewer, album.id)).title).toBe('Renamed by an admin');
  });

  it('lose images and the cover on removal, keep the images on delete, and audit every change', async () => {
    const owner = await person('uploader');
    const [a, b] = [await image(owner.id), await image(owner.id)];
    const album = await createAlbumFor(owner, 'Short-lived');
    await addImagesFor(owner, album.id, [a, b]);
    await updateAlbumFor(owner, album.id, { coverImageId: a });
    expect(await removeImagesFor(owner, album.id, [a])).toBe(1);
    expect((await albumDetail(owner, album.id)).coverImageId).toBeNull();
    await deleteAlbumFor(owner, album.id);
    await expect(albumDetail(owner, album.id)).rejects.toMatchObject({ status: 404 });
    expect(await getImage(a)).toBeDefined();
    expect(await getImage(b)).toBeDefined();
    const actions = await (await getDb())
      .selectFrom('audit_log')
      .select('action')
      .where('target', '=', album.id)
      .orderBy('id')
      .execute();
    expect(actions.map((r) => r.action)).toEqual([
      'album.created',
      'album.images_added',
      'album.updated',
      'album.images_removed',
      'album.deleted',
    ]);
  });
});
