/**
 * The gallery's listing: ready images by upload date or by the timeline (date taken), keyset-paged;
 * filtered by owner and exact tags; and ranked full-text search (title and tags above caption and
 * file name above the owner's name) through SQLite FTS5 or a PostgreSQL GIN index, offset-paged.
 */
import { sql } from 'kysely';
import { engineOf } from './engine';
import { type ImageWithOwner, withOwner } from './images';
import { type AppDb, resolveDb } from './index';
import { FTS5_RANK, fts5Query, PG_IMAGE_DOCUMENT, PG_OWNER_DOCUMENT, searchTerms, tsPrefix } from './search-sql';

export type GallerySort = 'uploaded' | 'taken';

/** Where the next page starts: a (sort key, id) keyset, or for ranked search an offset (id unused). */
export interface GalleryPosition {
  position: number;
  id: string;
}

export interface GalleryQuery {
  ownerId?: string;
  search?: string;
  /** Exact normalised tags, all required. */
  tags?: string[];
  sort?: GallerySort;
  after?: GalleryPosition;
  limit: number;
}

export interface GalleryRows {
  rows: ImageWithOwner[];
  next: GalleryPosition | null;
  /** True when the rows are ranked by relevance (a search), not by date. */
  ranked: boolean;
}

/** Search results are a ranked list, paged by offset up to this depth. */
const MAX_SEARCH_OFFSET = 1000;

/** Whether a search makes a ranked list (paged by offset, never negative): it holds at least one word. */
export const isRankedSearch = (search: string | undefined): boolean => searchTerms(search ?? '').length > 0;

export async function listGallery(q: GalleryQuery, db?: AppDb): Promise<GalleryRows> {
  const store = await resolveDb(db);
  const sortKey = q.sort === 'taken' ? 'images.timeline_at' : 'images.created_at';
  let query = withOwner(store).where('images.status', '=', 'ready').where('images.trashed_at', 'is', null);
  if (q.ownerId !== undefined) query = query.where('images.owner_id', '=', q.ownerId);
  for (const tag of q.tags ?? []) {
    query = query.where('images.id', 'in', (eb) =>
      eb.selectFrom('image_tags').select('image_tags.image_id').where('image_tags.tag', '=', tag),
    );
  }
  const terms = q.search ? searchTerms(q.search) : [];

  if (terms.length === 0) {
    if (q.after) {
      const { position, id } = q.after;
      query = query.where((eb) => eb(eb.refTuple(sortKey, 'images.id'), '<', eb.tuple(position, id)));
    }
    const rows = await query
      .orderBy(sortKey, 'desc')
      .orderBy('images.id', 'desc')
      .limit(q.limit + 1)
      .execute();
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    const key = (r: ImageWithOwner) => (q.sort === 'taken' ? (r.timeline_at ?? r.created_at) : r.created_at);
    return {
      rows: page,
      next: rows.length > q.limit && last ? { position: key(last), id: last.id } : null,
      ranked: false,
    };
  }

  const offset = Math.min(q.after?.position ?? 0, MAX_SEARCH_OFFSET);
  let ranked = query;
  if (engineOf(store) === 'postgres') {
    // Each word must match the image's document or its owner's name (an index per side).
    for (const term of terms) {
      const t = sql`to_tsquery('simple', ${tsPrefix(term)})`;
      ranked = ranked.where(sql<boolean>`(${PG_IMAGE_DOCUMENT} @@ ${t} or ${PG_OWNER_DOCUMENT} @@ ${t})`);
    }
    const any = sql`to_tsquery('simple', ${terms.map(tsPrefix).join(' | ')})`;
    ranked = ranked.orderBy(sql`ts_rank(${PG_IMAGE_DOCUMENT} || ${PG_OWNER_DOCUMENT}, ${any})`, 'desc');
  } else {
    const hits = sql<{ image_id: string; rank: number }>`(select image_id, ${FTS5_RANK} as rank from image_search
      where image_search match ${fts5Query(terms)})`;
    ranked = ranked
      .innerJoin(hits.as('hits'), (join) => join.onRef('hits.image_id', '=', 'images.id'))
      .orderBy('hits.rank', 'asc'); // bm25: lower is better
  }
  const rows = await ranked
    .orderBy(sortKey, 'desc')
    .orderBy('images.id', 'desc')
    .limit(q.limit + 1)
    .offset(offset)
    .execute();
  const more = rows.length > q.limit && offset + q.limit < MAX_SEARCH_OFFSET;
  return { rows: rows.slice(0, q.limit), next: more ? { position: offset + q.limit, id: 's' } : null, ranked: true };
}
