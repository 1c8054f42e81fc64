/**
 * The trash: deleted images stay restorable for TRASH_DAYS, then a sweep purges them. A purge first
 * *claims* an image with one conditional UPDATE, so two app instances (or a sweep racing an admin's
 * "Empty trash") never both purge it; a claim older than the lease is taken over, so a purge that died
 * half-way is retried.
 */
import { sql } from 'kysely';
import { type AppDb, resolveDb } from './index';
import type { ImageRow } from './schema';

export const TRASH_DAYS = 30;
export const TRASH_MS = TRASH_DAYS * 24 * 60 * 60 * 1000;
/** How long a purge may take before another instance may take it over. */
export const PURGE_LEASE_MS = 10 * 60 * 1000;

export type TrashedImage = ImageRow & { owner_email: string; owner_name: string | null; trashed_at: number };

/** Moves a library image to the trash; false when it was not there (unknown, pending, or trashed already). */
export async function trashImageRecord(recordId: string, actorId: string, now: number, db?: AppDb): Promise<boolean> {
  const result = await (await resolveDb(db))
    .updateTable('images')
    .set({ trashed_at: now, trashed_by: actorId, purge_claimed_at: null, updated_at: now })
    .where('id', '=', recordId)
    .where('trashed_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Back to the library; false when it is not in the trash or a purge has claimed it. */
export async function restoreImageRecord(recordId: string, now: number, db?: AppDb): Promise<boolean> {
  const result = await (await resolveDb(db))
    .updateTable('images')
    .set({ trashed_at: null, trashed_by: null, updated_at: now })
    .where('id', '=', recordId)
    .where('trashed_at', 'is not', null)
    .where((eb) => eb.or([eb('purge_claimed_at', 'is', null), eb('purge_claimed_at', '<', now - PURGE_LEASE_MS)]))
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Trashed images, most recently deleted first; only `ownerId`'s when given. */
export async function listTrash(q: { ownerId?: string; limit: number }, db?: AppDb): Promise<TrashedImage[]> {
  let query = (await resolveDb(db))
    .selectFrom('images')
    .innerJoin('users', 'users.id', 'images.owner_id')
    .selectAll('images')
    .select(['users.email as owner_email', 'users.name as owner_name'])
    .where('images.trashed_at', 'is not', null);
  if (q.ownerId !== undefined) query = query.where('images.owner_id', '=', q.ownerId);
  const rows = await query.orderBy('images.trashed_at', 'desc').orderBy('images.id', 'desc').limit(q.limit).execute();
  return rows as TrashedImage[];
}

/**
 * Claims trashed images for purging: all of `ids` (delete forever, empty trash) or, without ids, those
 * trashed before `now - TRASH_MS` (the sweep). Returns the rows this caller won. The conditions are
 * repeated outside the sub-select on purpose: PostgreSQL re-checks them on a row another transaction
 * just claimed, so the loser's UPDATE skips it.
 */
export async function claimForPurge(
  q: { now: number; ids?: readonly string[]; limit: number },
  db?: AppDb,
): Promise<ImageRow[]> {
  const store = await resolveDb(db);
  const stale = q.now - PURGE_LEASE_MS;
  const due = q.now - TRASH_MS;
  const claimable = sql<boolean>`images.trashed_at is not null and (images.purge_claimed_at is null or images.purge_claimed_at < ${stale})${
    q.ids ? sql`` : sql` and images.trashed_at <= ${due}`
  }`;
  if (q.ids && q.ids.length === 0) return [];
  let candidates = store.selectFrom('images').select('images.id').where(claimable);
  if (q.ids) candidates = candidates.where('images.id', 'in', q.ids);
  return store
    .updateTable('images')
    .set({ purge_claimed_at: q.now })
    .where('images.id', 'in', candidates.orderBy('images.trashed_at').limit(q.limit))
    .where(claimable)
    .returningAll()
    .execute();
}
