/**
 * Search ignores accents on both engines, for every accented Latin letter ("lodz" finds "Łódź"):
 * - PostgreSQL: the GIN index is rebuilt over search-sql.ts's document, which folds them.
 * - SQLite: FTS5's `remove_diacritics 2` folds letters with a decomposition (é, ü) but not ø, ł, đ;
 *   the triggers now fold those too (`sqliteFold`), and the index is refilled.
 */
import { type Kysely, sql } from 'kysely';
import { engineOf } from '../engine';
import { PG_IMAGE_DOCUMENT, sqliteFold } from '../search-sql';

export async function up(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) === 'postgres') {
    await sql`drop index if exists images_search`.execute(db);
    await sql`create index images_search on images using gin ((${PG_IMAGE_DOCUMENT}))`.execute(db);
    return;
  }
  const fold = sqliteFold;
  const row = sql.raw(`new.id, ${fold('new.title')}, ${fold('new.tags')}, ${fold('new.caption')},
    ${fold('new.filename')}, ${fold(`(select coalesce(name, '') from users where id = new.owner_id)`)}`);
  for (const name of ['image_search_insert', 'image_search_update', 'image_search_owner'])
    await sql`drop trigger if exists ${sql.ref(name)}`.execute(db);
  await sql`create trigger image_search_insert after insert on images begin
    insert into image_search (image_id, title, tags, caption, filename, owner) values (${row});
  end`.execute(db);
  await sql`create trigger image_search_update after update of title, tags, caption, filename, owner_id on images begin
    delete from image_search where image_id = old.id;
    insert into image_search (image_id, title, tags, caption, filename, owner) values (${row});
  end`.execute(db);
  await sql`create trigger image_search_owner after update of name on users begin
    update image_search set owner = ${sql.raw(fold(`coalesce(new.name, '')`))}
      where image_id in (select id from images where owner_id = new.id);
  end`.execute(db);
  await sql`delete from image_search`.execute(db);
  await sql`insert into image_search (image_id, title, tags, caption, filename, owner)
    select i.id, ${sql.raw(`${fold('i.title')}, ${fold('i.tags')}, ${fold('i.caption')}, ${fold('i.filename')},
      ${fold(`coalesce(u.name, '')`)}`)}
    from images i join users u on u.id = i.owner_id`.execute(db);
}
