/**
 * The admin console's reads and writes of image records: every record (pending uploads too), filtered,
 * sorted and paged by offset, so the console can show "page 3 of 12" and act on "all N matching".
 */
import { type SelectQueryBuilder, sql } from 'kysely';
import type { AdminImageFilter } from '@/lib/schemas/admin-images';
import { engineOf } from './engine';
import { containsPattern, type ImageWithOwner } from './images';
import { type AppDb, resolveDb } from './index';
import type { Database, ImageRow } from './schema';

const DAY_MS = 86_400_000;
const startOfDay = (day: string) => Date.parse(`${day}T00:00:00Z`);

type ImagesQuery<O> = SelectQueryBuilder<Database, 'images' | 'users', O>;

function filtered<O>(store: AppDb, query: ImagesQuery<O>, f: AdminImageFilter): ImagesQuery<O> {
  let q = query;
  if (f.q) {
    // SQLite's LIKE ignores ASCII case already; PostgreSQL's needs ILIKE.
    const like = sql.raw(engineOf(store) === 'postgres' ? 'ilike' : 'like');
    const pattern = containsPattern(f.q);
    q = q.where(
      sql<boolean>`(images.title ${like} ${pattern} escape '\\' or images.filename ${like} ${pattern} escape '\\')`,
    );
  }
  if (f.owner) q = q.where('images.owner_id', '=', f.owner);
  if (f.from) q = q.where('images.created_at', '>=', startOfDay(f.from));
  if (f.to) q = q.where('images.created_at', '<', startOfDay(f.to) + DAY_MS);
  if (f.visibility !== 'all') q = q.where('images.private', '=', f.visibility === 'private' ? 1 : 0);
  return q;
}

// Trashed images are listed on /trash, not here.
const base = (store: AppDb) =>
  store.selectFrom('images').innerJoin('users', 'users.id', 'images.owner_id').where('images.trashed_at', 'is', null);

export async function countAdminImages(filter: AdminImageFilter, db?: AppDb): Promise<number> {
  const store = await resolveDb(db);
  const row = await filtered(
    store,
    base(store).select((eb) => eb.fn.countAll<number | string>().as('n')),
    filter,
  ).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface AdminListQuery {
  filter: AdminImageFilter;
  /** Deliveries are sorted by the caller (they come from the image service, not this store). */
  sort: 'date' | 'size';
  dir: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/** One page of records with their owners; ties broken by id so pages never overlap. */
export async function listAdminImages(q: AdminListQuery, db?: AppDb): Promise<ImageWithOwner[]> {
  const store = await resolveDb(db);
  const query = filtered(
    store,
    base(store).selectAll('images').select(['users.email as owner_email', 'users.name as owner_name']),
    q.filter,
  );
  // Pending uploads have no size yet: they sort as 0 bytes.
  const key = q.sort === 'size' ? sql`coalesce(images.bytes, 0)` : sql`images.created_at`;
  return query.orderBy(key, q.dir).orderBy('images.id', q.dir).offset(q.offset).limit(q.limit).execute();
}

/** What a bulk action or a deliveries sort needs of every matching record, newest first, at most `limit`. */
export type ImageRef = Pick<ImageRow, 'id' | 'service_id' | 'title' | 'status' | 'private' | 'owner_id'>;

export async function matchingImageRefs(filter: AdminImageFilter, limit: number, db?: AppDb): Promise<ImageRef[]> {
  const store = await resolveDb(db);
  return filtered(
    store,
    base(store).select([
      'images.id',
      'images.service_id',
      'images.title',
      'images.status',
      'images.private',
      'images.owner_id',
    ]),
    filter,
  )
    .orderBy('images.created_at', 'desc')
    .orderBy('images.id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Records by id, with owners, in no particular order; unknown ids are simply missing, and so are
 * trashed ones: a bulk action must never make a trashed image public again or change its owner.
 */
export async function imagesByIds(ids: readonly string[], db?: AppDb): Promise<ImageWithOwner[]> {
  if (ids.length === 0) return [];
  const store = await resolveDb(db);
  return base(store)
    .selectAll('images')
    .select(['users.email as owner_email', 'users.name as owner_name'])
    .where('images.id', 'in', [...ids])
    .execute();
}

/** Gives one record a new owner; false when the record is gone. */
export async function setImageOwner(recordId: string, ownerId: string, db?: AppDb): Promise<boolean> {
  const result = await (await resolveDb(db))
    .updateTable('images')
    .set({ owner_id: ownerId, updated_at: Date.now() })
    .where('id', '=', recordId)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Moves every record of one owner to another in one statement; returns how many moved. */
export async function moveAllImages(fromUserId: string, toUserId: string, db?: AppDb): Promise<number> {
  const result = await (await resolveDb(db))
    .updateTable('images')
    .set({ owner_id: toUserId, updated_at: Date.now() })
    .where('owner_id', '=', fromUserId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The console's headline numbers: finished images and the bytes of their originals. */
export async function imageTotals(db?: AppDb): Promise<{ images: number; bytes: number }> {
  const row = await (await resolveDb(db))
    .selectFrom('images')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('n'),
      eb.fn.coalesce(eb.fn.sum<number | string | null>('bytes'), sql<number>`0`).as('bytes'),
    ])
    .where('status', '=', 'ready')
    .executeTakeFirstOrThrow();
  return { images: Number(row.n), bytes: Number(row.bytes) };
}
