/**
 * Changing albums: create (uploaders and admins), rename, set the cover, delete (the images stay),
 * add and remove images. Only images the actor may manage can be added (an owner's own, or any for
 * an admin), so an album's share link never hands out someone else's image. Every change is audited.
 */
import { ApiError } from '@/lib/api/errors';
import { type Actor, canManageImage } from '@/lib/auth/roles';
import {
  type AlbumRow,
  addAlbumImages,
  albumImages,
  deleteAlbum,
  insertAlbum,
  removeAlbumImages,
  updateAlbum,
} from '@/lib/db/albums';
import { audit } from '@/lib/db/audit';
import { getImage } from '@/lib/db/images';
import { loadManagedAlbum } from './access';

export async function createAlbumFor(actor: Actor, title: string): Promise<AlbumRow> {
  const album = await insertAlbum({ ownerId: actor.id, title });
  await audit(actor.id, 'album.created', album.id, { title });
  return album;
}

export async function updateAlbumFor(
  actor: Actor,
  id: string,
  changes: { title?: string; coverImageId?: string | null },
): Promise<void> {
  const album = await loadManagedAlbum(actor, id);
  if (changes.coverImageId) {
    const inAlbum = (await albumImages(id)).some((img) => img.id === changes.coverImageId);
    if (!inAlbum) throw new ApiError(422, 'not_in_album', 'The cover must be one of the album’s images.');
  }
  await updateAlbum(id, changes);
  await audit(actor.id, 'album.updated', id, { ...changes, ...(changes.title ? { from: album.title } : {}) });
}

export async function deleteAlbumFor(actor: Actor, id: string): Promise<void> {
  const album = await loadManagedAlbum(actor, id);
  await deleteAlbum(id);
  await audit(actor.id, 'album.deleted', id, { title: album.title });
}

/** Adds images the actor may manage; 422 naming the first one that is unknown or not theirs, adding none. */
export async function addImagesFor(actor: Actor, id: string, imageIds: readonly string[]): Promise<number> {
  await loadManagedAlbum(actor, id);
  const unique = [...new Set(imageIds)];
  for (const imageId of unique) {
    const image = await getImage(imageId);
    if (image?.status !== 'ready' || image.trashed_at !== null)
      throw new ApiError(422, 'image_not_found', `Image ${imageId} does not exist (any more).`);
    if (!canManageImage(actor, { ownerId: image.owner_id }))
      throw new ApiError(422, 'not_your_image', `“${image.title}” is not yours: only your own images can be added.`);
  }
  const added = await addAlbumImages(id, unique);
  await audit(actor.id, 'album.images_added', id, { imageIds: unique, added });
  return added;
}

export async function removeImagesFor(actor: Actor, id: string, imageIds: readonly string[]): Promise<number> {
  await loadManagedAlbum(actor, id);
  const unique = [...new Set(imageIds)];
  const removed = await removeAlbumImages(id, unique);
  await audit(actor.id, 'album.images_removed', id, { imageIds: unique, removed });
  return removed;
}
