/**
 * Capture info, captions, tags and full-text search.
 *
 * - `capture` (JSON of CaptureInfo, from the image service's `x_pixvault_exif` extension) and
 *   `taken_at` (epoch ms; the camera's wall time read as UTC when it recorded no offset); the
 *   timeline orders by `timeline_at` = taken_at, or created_at for images without a capture date.
 * - `caption`, and `tags` as the normalised tags joined by spaces (what search indexes); the
 *   `image_tags` table holds one row per tag for exact tag filters.
 * - Search: SQLite keeps an FTS5 table `image_search` filled by triggers (so every write path, the
 *   CLI and plain SQL included, keeps it in step, and an owner's rename reaches their images);
 *   PostgreSQL a GIN index over a weighted tsvector expression (search-sql.ts has today's; no column, so
 *   db:copy moves nothing derived).
 */
import { type Kysely, sql } from 'kysely';
import { engineOf } from '../engine';

/** The search document as this migration first indexed it (0009 replaced it with accent folding). */
const words = (column: string) => `regexp_replace(coalesce(${column}, ''), '[^[:alnum:]]+', ' ', 'g')`;
const PG_IMAGE_DOCUMENT_0006 = sql.raw(
  `setweight(to_tsvector('simple'::regconfig, ${words('title')}), 'A') || ` +
    `setweight(to_tsvector('simple'::regconfig, ${words('tags')}), 'A') || ` +
    `setweight(to_tsvector('simple'::regconfig, ${words('caption')}), 'B') || ` +
    `setweight(to_tsvector('simple'::regconfig, ${words('filename')}), 'C')`,
);

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = engineOf(db) === 'postgres';
  const time = pg ? 'bigint' : 'integer';

  await db.schema.alterTable('images').addColumn('capture', 'text').execute();
  await db.schema.alterTable('images').addColumn('taken_at', time).execute();
  await db.schema.alterTable('images').addColumn('timeline_at', time).execute();
  await db.schema
    .alterTable('images')
    .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('images')
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`update images set timeline_at = created_at`.execute(db);
  await db.schema
    .createIndex('images_timeline')
    .on('images')
    .columns(['status', 'timeline_at desc', 'id desc'])
    .execute();
  await db.schema
    .createIndex('images_owner_timeline')
    .on('images')
    .columns(['owner_id', 'status', 'timeline_at desc', 'id desc'])
    .execute();

  await db.schema
    .createTable('image_tags')
    .addColumn('image_id', 'text', (c) =>
      (pg ? c.modifyFront(sql`collate "C"`) : c).notNull().references('images.id').onDelete('cascade'),
    )
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('image_tags_pk', ['image_id', 'tag'])
    .execute();
  await db.schema.createIndex('image_tags_tag').on('image_tags').columns(['tag', 'image_id']).execute();

  if (pg) {
    await sql`create index images_search on images using gin ((${PG_IMAGE_DOCUMENT_0006}))`.execute(db);
    return;
  }
  // unicode61 folds case and (with remove_diacritics 2) accents; '_' and '.' split file names.
  await sql`create virtual table image_search using fts5(
    image_id unindexed, title, tags, caption, filename, owner,
    tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
  const row = sql.raw(`new.id, new.title, new.tags, new.caption, new.filename,
    (select coalesce(name, '') from users where id = new.owner_id)`);
  await sql`create trigger image_search_insert after insert on images begin
    insert into image_search (image_id, title, tags, caption, filename, owner) values (${row});
  end`.execute(db);
  await sql`create trigger image_search_update after update of title, tags, caption, filename, owner_id on images begin
    delete from image_search where image_id = old.id;
    insert into image_search (image_id, title, tags, caption, filename, owner) values (${row});
  end`.execute(db);
  await sql`create trigger image_search_delete after delete on images begin
    delete from image_search where image_id = old.id;
  end`.execute(db);
  await sql`create trigger image_search_owner after update of name on users begin
    update image_search set owner = coalesce(new.name, '')
      where image_id in (select id from images where owner_id = new.id);
  end`.execute(db);
  await sql`insert into image_search (image_id, title, tags, caption, filename, owner)
    select i.id, i.title, i.tags, i.caption, i.filename, coalesce(u.name, '')
    from images i join users u on u.id = i.owner_id`.execute(db);
}
