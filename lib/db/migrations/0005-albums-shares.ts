/**
 * Albums (an owner's named set of images, with an optional cover) and share links (a revocable,
 * optionally expiring and password-protected link to one image or one album). Only a hash of each
 * share token is stored, like invites and session ids; the token itself is only in the link.
 */
import { type Kysely, sql } from 'kysely';
import { engineOf } from '../engine';

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = engineOf(db) === 'postgres';
  const time = pg ? 'bigint' : 'integer';

  await db.schema
    .createTable('albums')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    // Removing the cover image from the library leaves the album without a cover (the first image shows).
    .addColumn('cover_image_id', 'text', (c) => c.references('images.id').onDelete('set null'))
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('albums_owner').on('albums').columns(['owner_id', 'created_at']).execute();

  await db.schema
    .createTable('album_images')
    .addColumn('album_id', 'text', (c) => c.notNull().references('albums.id').onDelete('cascade'))
    .addColumn('image_id', 'text', (c) => c.notNull().references('images.id').onDelete('cascade'))
    .addColumn('added_at', time, (c) => c.notNull())
    .addPrimaryKeyConstraint('album_images_pk', ['album_id', 'image_id'])
    .execute();
  await db.schema.createIndex('album_images_image').on('album_images').column('image_id').execute();

  await db.schema
    .createTable('share_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('image_id', 'text', (c) => c.references('images.id').onDelete('cascade'))
    .addColumn('album_id', 'text', (c) => c.references('albums.id').onDelete('cascade'))
    // A link lives only as long as the account that made it: a removed user's links stop at once.
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('expires_at', time)
    .addColumn('password_hash', 'text')
    .addColumn('revoked_at', time)
    .addColumn('view_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_viewed_at', time)
    .addCheckConstraint(
      'share_links_one_target',
      sql`(image_id is null and album_id is not null) or (image_id is not null and album_id is null)`,
    )
    .execute();
  await db.schema.createIndex('share_links_creator').on('share_links').columns(['created_by', 'created_at']).execute();
  await db.schema.createIndex('share_links_image').on('share_links').column('image_id').execute();
  await db.schema.createIndex('share_links_album').on('share_links').column('album_id').execute();
}
