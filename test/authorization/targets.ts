/**
 * Fresh things for a request to act on, made the way the app makes them: an image `owner` uploaded
 * through a one-time URL of the in-process image service and completed, an upload whose bytes were
 * sent but not yet reported, or a viewer account.
 */
import { expect } from 'vitest';
import { jpeg } from '@/test/helpers/images';
import { postFile } from '@/test/helpers/service';
import { newPerson, type Person } from './people';
import type { Target } from './table';

let bytes: Promise<Buffer> | null = null;

async function sentUpload(owner: Person): Promise<string> {
  const { mintUpload } = await import('@/lib/images/uploads');
  const ticket = await mintUpload(owner, { filename: 'target.jpg', size: 1000, type: 'image/jpeg' });
  bytes ??= jpeg(48, 32);
  expect((await postFile(ticket.uploadURL, await bytes, 'target.jpg')).status).toBe(200);
  return ticket.id;
}

/** An album of `owner` holding one of their images and sharing its id (see `Target`). */
async function albumWithImage(owner: Person): Promise<string> {
  const id = await makeTarget('image', owner);
  const { getDb } = await import('@/lib/db/index');
  const { addAlbumImages } = await import('@/lib/db/albums');
  const now = Date.now();
  const db = await getDb();
  await db
    .insertInto('albums')
    .values({ id, owner_id: owner.id, title: 'Target album', cover_image_id: null, created_at: now, updated_at: now })
    .execute();
  await addAlbumImages(id, [id], db);
  return id;
}

/** The id of a new target of `kind`; images, uploads, albums and share links belong to `owner`. */
export async function makeTarget(kind: Target, owner: Person): Promise<string> {
  if (kind === 'user') return (await newPerson('viewer', 'target')).id;
  if (kind === 'album') return albumWithImage(owner);
  if (kind === 'share') {
    const { createShareLinkFor } = await import('@/lib/sharing/manage');
    const image = await makeTarget('image', owner);
    return (await createShareLinkFor(owner, { target: { kind: 'image', id: image }, expiresInSeconds: 3600 })).id;
  }
  const id = await sentUpload(owner);
  if (kind === 'image' || kind === 'trashed') {
    const { completeForUser } = await import('@/lib/images/uploads');
    expect(await completeForUser(owner, id)).toBe('ready');
  }
  if (kind === 'trashed') {
    const { trashImageFor } = await import('@/lib/images/trash');
    await trashImageFor(owner, id);
  }
  return id;
}
