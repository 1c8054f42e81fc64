/**
 * An image's caption and tags. The tags are written twice in one transaction: joined into
 * `images.tags` (what full-text search indexes) and one row each in `image_tags` (exact filters).
 */
import { updateImage } from './images';
import { type AppDb, resolveDb } from './index';

type TextChanges = { caption?: string; tags?: string[] };

/**
 * An image page's edit in one transaction: title, visibility, caption and tags (already validated and
 * normalised, see lib/schemas/image-text.ts) all change, or none do.
 */
export async function updateImageFields(
  recordId: string,
  changes: TextChanges & { title?: string; private?: boolean },
  db?: AppDb,
): Promise<void> {
  await (await resolveDb(db)).transaction().execute(async (trx) => {
    if (changes.title !== undefined || changes.private !== undefined) await updateImage(recordId, changes, trx);
    if (changes.caption !== undefined || changes.tags !== undefined) await writeCaptionAndTags(trx, recordId, changes);
  });
}

async function writeCaptionAndTags(trx: AppDb, recordId: string, changes: TextChanges): Promise<void> {
  await trx
    .updateTable('images')
    .set({
      ...(changes.caption !== undefined ? { caption: changes.caption } : {}),
      ...(changes.tags !== undefined ? { tags: changes.tags.join(' ') } : {}),
      updated_at: Date.now(),
    })
    .where('id', '=', recordId)
    .execute();
  if (changes.tags === undefined) return;
  await trx.deleteFrom('image_tags').where('image_id', '=', recordId).execute();
  if (changes.tags.length > 0) {
    await trx
      .insertInto('image_tags')
      .values(changes.tags.map((tag) => ({ image_id: recordId, tag })))
      .execute();
  }
}

/** The most used tags of ready images in the library (optionally one owner's), for the gallery's tag chips. */
export async function popularTags(
  q: { ownerId?: string; limit: number },
  db?: AppDb,
): Promise<{ tag: string; count: number }[]> {
  let query = (await resolveDb(db))
    .selectFrom('image_tags')
    .innerJoin('images', 'images.id', 'image_tags.image_id')
    .where('images.status', '=', 'ready')
    .where('images.trashed_at', 'is', null)
    .select((eb) => ['image_tags.tag as tag', eb.fn.countAll<number | string>().as('count')])
    .groupBy('image_tags.tag')
    .orderBy('count', 'desc')
    .orderBy('image_tags.tag')
    .limit(q.limit);
  if (q.ownerId !== undefined) query = query.where('images.owner_id', '=', q.ownerId);
  return (await query.execute()).map((r) => ({ tag: r.tag, count: Number(r.count) }));
}
