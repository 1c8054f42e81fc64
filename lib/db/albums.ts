/**
 * Albums in the store: an owner's named, ordered-by-addition set of images with an optional cover.
 * Deleting an album (or removing an image from it) never touches the images themselves. Who may
 * read or change an album is decided in lib/albums/, not here.
 */
import { randomUUID } from 'node:crypto';
import type { ExpressionBuilder } from 'kysely';
import type { ImageWithOwner } from './images';
import { type AppDb, resolveDb } from './index';
import type { AlbumRow, Database } from './schema';

export type { AlbumRow };

export interface AlbumSummary extends AlbumRow {
  owner_email: string;
  owner_name: string | null;
  image_count: number;
  /** The service id of the cover, else of the newest ready image added; null for an empty album. */
  cover_service_id: string | null;
}

export async function insertAlbum(
  input: { ownerId: string; title: string },
  db?: AppDb,
  now = Date.now(),
): Promise<AlbumRow> {
  const row: AlbumRow = {
    id: randomUUID(),
    owner_id: input.ownerId,
    title: input.title,
    cover_image_id: null,
    created_at: now,
    updated_at: now,
  };
  await (await resolveDb(db)).insertInto('albums').values(row).execute();
  return row;
}

export async function findAlbum(id: string, db?: AppDb): Promise<AlbumRow | undefined> {
  return (await resolveDb(db)).selectFrom('albums').selectAll().where('id', '=', id).executeTakeFirst();
}

const readyIn = (eb: ExpressionBuilder<Database, 'albums'>) =>
  eb
    .selectFrom('album_images')
    .innerJoin('images', 'images.id', 'album_images.image_id')
    .whereRef('album_images.album_id', '=', 'albums.id')
    .where('images.status', '=', 'ready')
    .where('images.trashed_at', 'is', null);

/** Albums with their owner, ready-image count and cover, newest first; all of them or the ids given. */
export async function listAlbums(db?: AppDb, ids?: readonly string[]): Promise<AlbumSummary[]> {
  const store = await resolveDb(db);
  let query = store
    .selectFrom('albums')
    .innerJoin('users', 'users.id', 'albums.owner_id')
    .selectAll('albums')
    .select((eb) => [
      'users.email as owner_email',
      'users.name as owner_name',
      readyIn(eb)
        .select((e) => e.fn.countAll<number | string>().as('n'))
        .as('image_count'),
      eb.fn
        .coalesce(
          readyIn(eb).whereRef('images.id', '=', 'albums.cover_image_id').select('images.service_id'),
          readyIn(eb)
            .select('images.service_id')
            .orderBy('album_images.added_at', 'desc')
            .orderBy('images.id', 'desc')
            .limit(1),
        )
        .as('cover_service_id'),
    ]);
  if (ids) query = query.where('albums.id', 'in', ids.length > 0 ? [...ids] : ['']);
  const rows = await query.orderBy('albums.created_at', 'desc').orderBy('albums.id', 'desc').execute();
  return rows.map((r) => ({ ...r, image_count: Number(r.image_count ?? 0) }));
}

/** The album's ready images with their owners, most recently added first. */
export async function albumImages(albumId: string, db?: AppDb): Promise<ImageWithOwner[]> {
  return (
    (await resolveDb(db))
      .selectFrom('album_images')
      .innerJoin('images', 'images.id', 'album_images.image_id')
      .innerJoin('users', 'users.id', 'images.owner_id')
      .selectAll('images')
      .select(['users.email as owner_email', 'users.name as owner_name'])
      .where('album_images.album_id', '=', albumId)
      .where('images.status', '=', 'ready')
      // A trashed image is out of every album until it is restored (then it is back in place).
      .where('images.trashed_at', 'is', null)
      .orderBy('album_images.added_at', 'desc')
      .orderBy('images.id', 'desc')
      .execute()
  );
}

export async function updateAlbum(
  id: string,
  changes: { title?: string; coverImageId?: string | null },
  db?: AppDb,
  now = Date.now(),
): Promise<void> {
  await (await resolveDb(db))
    .updateTable('albums')
    .set({
      ...(changes.title !== undefined ? { title: changes.title } : {}),
      ...(changes.coverImageId !== undefined ? { cover_image_id: changes.coverImageId } : {}),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteAlbum(id: string, db?: AppDb): Promise<boolean> {
  const result = await (await resolveDb(db)).deleteFrom('albums').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows === 1n;
}

/** Adds images (already in the album: left as they are); returns how many were new. */
export async function addAlbumImages(albumId: string, imageIds: readonly string[], db?: AppDb, now = Date.now()) {
  if (imageIds.length === 0) return 0;
  const store = await resolveDb(db);
  return store.transaction().execute(async (trx) => {
    const result = await trx
      .insertInto('album_images')
      .values(imageIds.map((imageId) => ({ album_id: albumId, image_id: imageId, added_at: now })))
      .onConflict((oc) => oc.columns(['album_id', 'image_id']).doNothing())
      .executeTakeFirst();
    await trx.updateTable('albums').set({ updated_at: now }).where('id', '=', albumId).execute();
    return Number(result.numInsertedOrUpdatedRows ?? 0n);
  });
}

/** Removes images from the album (a removed cover is unset too); returns how many were in it. */
export async function removeAlbumImages(albumId: string, imageIds: readonly string[], db?: AppDb, now = Date.now()) {
  if (imageIds.length === 0) return 0;
  const store = await resolveDb(db);
  return store.transaction().execute(async (trx) => {
    const result = await trx
      .deleteFrom('album_images')
      .where('album_id', '=', albumId)
      .where('image_id', 'in', [...imageIds])
      .executeTakeFirst();
    await trx
      .updateTable('albums')
      .set({ cover_image_id: null })
      .where('id', '=', albumId)
      .where('cover_image_id', 'in', [...imageIds])
      .execute();
    await trx.updateTable('albums').set({ updated_at: now }).where('id', '=', albumId).execute();
    return Number(result.numDeletedRows);
  });
}

/** Ids of the albums holding an image (for the image page's album picker). */
export async function albumsHolding(imageId: string, db?: AppDb): Promise<string[]> {
  const rows = await (await resolveDb(db))
    .selectFrom('album_images')
    .select('album_id')
    .where('image_id', '=', imageId)
    .execute();
  return rows.map((r) => r.album_id);
}
