/** Content hashes of uploads: "already in your library" before an upload, and the admin's duplicate groups. */
import { type AppDb, resolveDb } from './index';

/** Hex SHA-256, as the browser's Web Crypto digest gives it. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface LibraryMatch {
  id: string;
  title: string;
}

/** A ready, untrashed image with this content hash, newest first; undefined when none. */
export async function findByContentHash(hash: string, db?: AppDb): Promise<LibraryMatch | undefined> {
  return (await resolveDb(db))
    .selectFrom('images')
    .select(['id', 'title'])
    .where('content_hash', '=', hash)
    .where('status', '=', 'ready')
    .where('trashed_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/**
 * Stores the browser's content hash of a library image that has none yet. The first hash stays: a
 * later completion call cannot move an image into or out of a duplicate group, nor can one in the trash.
 */
export async function setContentHash(recordId: string, hash: string, db?: AppDb): Promise<void> {
  await (await resolveDb(db))
    .updateTable('images')
    .set({ content_hash: hash })
    .where('id', '=', recordId)
    .where('content_hash', 'is', null)
    .where('trashed_at', 'is', null)
    .execute();
}

export interface DuplicateGroup {
  hash: string;
  images: { id: string; title: string; ownerName: string; createdAt: number }[];
}

/** Every hash held by two or more ready, untrashed images, largest groups first (at most `limit` groups). */
export async function duplicateGroups(limit: number, db?: AppDb): Promise<DuplicateGroup[]> {
  const store = await resolveDb(db);
  const library = store
    .selectFrom('images')
    .where('status', '=', 'ready')
    .where('trashed_at', 'is', null)
    .where('content_hash', 'is not', null);
  const hashes = await library
    .select(['content_hash', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('content_hash')
    .having((eb) => eb.fn.countAll(), '>', 1)
    .orderBy('n', 'desc')
    .orderBy('content_hash')
    .limit(limit)
    .execute();
  const wanted = hashes.flatMap((h) => (h.content_hash ? [h.content_hash] : []));
  if (wanted.length === 0) return [];
  const rows = await library
    .innerJoin('users', 'users.id', 'images.owner_id')
    .select(['images.id', 'images.title', 'images.content_hash', 'images.created_at', 'users.name', 'users.email'])
    .where('images.content_hash', 'in', wanted)
    .orderBy('images.created_at')
    .execute();
  return wanted.map((hash) => ({
    hash,
    images: rows
      .filter((r) => r.content_hash === hash)
      .map((r) => ({ id: r.id, title: r.title, ownerName: r.name ?? r.email, createdAt: r.created_at })),
  }));
}
