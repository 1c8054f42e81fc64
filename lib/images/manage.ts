/**
 * What only an image's owner or an admin may do: retitle, change visibility, delete, download the
 * original, share; and an admin's removal of a user with all their images.
 */
import { notFound } from '@/lib/api/errors';
import type { Actor } from '@/lib/auth/roles';
import { audit } from '@/lib/db/audit';
import { setCaptionAndTags } from '@/lib/db/image-text';
import { deleteImageRecord, imagesOwnedBy, updateImage } from '@/lib/db/images';
import { assertRemovable, removeUser, UserRuleError } from '@/lib/db/users';
import type { ImageUpdate } from '@/lib/schemas/api';
import type { AppVariant } from '@/lib/schemas/variant';
import { imagesClient } from './client';
import { loadManagedImage } from './read';
import { signingKey } from './signing-keys';
import { signedLink } from './urls';

export async function updateImageFor(actor: Actor, recordId: string, changes: ImageUpdate): Promise<void> {
  const row = await loadManagedImage(actor, recordId);
  // The service is changed first: if it refuses, the app's record still tells the truth.
  if (changes.private !== undefined && changes.private !== (row.private === 1)) {
    await imagesClient().update(row.service_id, { requireSignedURLs: changes.private });
  }
  const { caption, tags, ...rest } = changes;
  if (rest.title !== undefined || rest.private !== undefined) await updateImage(recordId, rest);
  if (caption !== undefined || tags !== undefined) await setCaptionAndTags(recordId, { caption, tags });
  await audit(actor.id, 'image.updated', recordId, changes);
}

export async function deleteImageFor(actor: Actor, recordId: string): Promise<void> {
  const row = await loadManagedImage(actor, recordId);
  await imagesClient().remove(row.service_id);
  await deleteImageRecord(recordId);
  await audit(actor.id, 'image.deleted', recordId, { title: row.title });
}

/** The stored original as a download, with a filename that cannot break out of the header. */
export async function originalFor(actor: Actor, recordId: string): Promise<Response> {
  const row = await loadManagedImage(actor, recordId);
  const upstream = await imagesClient().blob(row.service_id);
  const ascii = row.filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return new Response(upstream.body, {
    headers: {
      'content-type': row.content_type ?? 'application/octet-stream',
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(row.filename)}`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
      ...(upstream.headers.get('content-length')
        ? { 'content-length': upstream.headers.get('content-length') ?? '' }
        : {}),
    },
  });
}

/**
 * A signed link to one variant that works for anyone holding it until it expires. Only the owner or an
 * admin may hand out such access to a private image (a viewer could otherwise share anyone's image).
 */
export async function signedLinkFor(
  actor: Actor,
  recordId: string,
  input: { variant: AppVariant; ttlSeconds: number },
  nowMs = Date.now(),
): Promise<{ url: string; expiresAt: string }> {
  const row = await loadManagedImage(actor, recordId);
  if (row.status !== 'ready') throw notFound();
  const link = signedLink(row.service_id, input.variant, input.ttlSeconds, nowMs, await signingKey(nowMs));
  await audit(actor.id, 'image.link_created', recordId, { variant: input.variant, ttlSeconds: input.ttlSeconds });
  return { url: link.url, expiresAt: new Date(link.expiresAt * 1000).toISOString() };
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
