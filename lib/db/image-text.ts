/**
 * An image's caption and tags. The tags are written twice in one transaction: joined into
 * `images.tags` (what full-text search indexes) and one row each in `image_tags` (exact filters).
 */
import { type AppDb, resolveDb } from './index';

/** Sets the caption and/or the tags (already validated and normalised, see lib/schemas/image-text.ts). */
export async function setCaptionAndTags(
  recordId: string,
  changes: { caption?: string; tags?: string[] },
  db?: AppDb,
): Promise<void> {
  const store = await resolveDb(db);
  await store.transaction().execute(async (trx) => {
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
  });
}

/** The most used tags of ready images (optionally one owner's), for the gallery's tag chips. */
export async function popularTags(
  q: { ownerId?: string; limit: number },
  db?: AppDb,
): Promise<{ tag: string; count: number }[]> {
  let query = (await resolveDb(db))
    .selectFrom('image_tags')
    .innerJoin('images', 'images.id', 'image_tags.image_id')
    .where('images.status', '=', 'ready')
    .select((eb) => ['image_tags.tag as tag', eb.fn.countAll<number | string>().as('count')])
    .groupBy('image_tags.tag')
    .orderBy('count', 'desc')
    .orderBy('image_tags.tag')
    .limit(q.limit);
  if (q.ownerId !== undefined) query = query.where('images.owner_id', '=', q.ownerId);
  return (await query.execute()).map((r) => ({ tag: r.tag, count: Number(r.count) }));
}
