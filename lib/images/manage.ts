/**
 * What only an image's owner or an admin may do: retitle, change visibility, delete, download the
 * original (sharing is lib/sharing/); and an admin's removal of a user with all their images.
 */
import type { Actor } from '@/lib/auth/roles';
import { audit } from '@/lib/db/audit';
import { updateImageFields } from '@/lib/db/image-text';
import { deleteImageRecord, imagesOwnedBy } from '@/lib/db/images';
import { assertRemovable, removeUser, UserRuleError } from '@/lib/db/users';
import type { ImageUpdate } from '@/lib/schemas/api';
import { attachmentResponse } from './attachment';
import { imagesClient } from './client';
import { loadManagedImage } from './read';
import { trashImageFor } from './trash';

/**
 * An edit from the image page, already validated by imageUpdateSchema (text with control characters is
 * refused there, before anything here runs). All or nothing: the service first, then the record in one
 * transaction; if the record cannot be written, the service's visibility is put back.
 */
export async function updateImageFor(actor: Actor, recordId: string, changes: ImageUpdate): Promise<void> {
  const row = await loadManagedImage(actor, recordId);
  const visibility = changes.private !== undefined && changes.private !== (row.private === 1);
  // The service is changed first: if it refuses, the app's record still tells the truth.
  if (visibility) await imagesClient().update(row.service_id, { requireSignedURLs: changes.private });
  try {
    await updateImageFields(recordId, changes);
  } catch (err) {
    if (visibility) await imagesClient().update(row.service_id, { requireSignedURLs: row.private === 1 });
    throw err;
  }
  await audit(actor.id, 'image.updated', recordId, changes);
}

/** Delete from the image page or the gallery: a finished image goes to the trash, an unfinished upload away. */
export async function deleteImageFor(actor: Actor, recordId: string): Promise<void> {
  const row = await loadManagedImage(actor, recordId);
  if (row.status === 'ready') return trashImageFor(actor, recordId);
  await imagesClient().remove(row.service_id);
  await deleteImageRecord(recordId);
  await audit(actor.id, 'image.deleted', recordId, { title: row.title });
}

/** The stored original as a download, with a filename that cannot break out of the header. */
export async function originalFor(actor: Actor, recordId: string): Promise<Response> {
  const row = await loadManagedImage(actor, recordId);
  const upstream = await imagesClient().blob(row.service_id);
  return attachmentResponse(upstream.body, {
    filename: row.filename,
    contentType: row.content_type ?? 'application/octet-stream',
    length: upstream.headers.get('content-length'),
  });
}

/**
 * Removes a user and their images (admin page, CLI). The images are deleted from the image service
 * first, each record right after its image, so no file outlives its record whatever happens next.
 */
export async function removeUserAndImages(actorId: string | null, userId: string): Promise<number> {
  const user = await assertRemovable(userId);
  const owned = await imagesOwnedBy(userId);
  for (const image of owned) {
    if (image.service_id) await imagesClient().remove(image.service_id);
    await deleteImageRecord(image.id);
  }
  if (!(await removeUser(userId))) throw new UserRuleError('The last admin cannot be removed.');
  await audit(actorId, 'user.removed', userId, { email: user.email, images: owned.length });
  return owned.length;
}
