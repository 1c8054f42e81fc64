/**
 * Safety nets: the content hash of each upload (duplicate warnings, the admin's duplicate groups) and the
 * trash (when and by whom an image was deleted; a purge claim so that two instances sweeping the trash
 * never purge the same image twice).
 */
import type { Kysely } from 'kysely';
import { engineOf } from '../engine';

export async function up(db: Kysely<unknown>): Promise<void> {
  const time = engineOf(db) === 'postgres' ? 'bigint' : 'integer';
  await db.schema.alterTable('images').addColumn('content_hash', 'text').execute();
  await db.schema.alterTable('images').addColumn('trashed_at', time).execute();
  await db.schema
    .alterTable('images')
    .addColumn('trashed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.alterTable('images').addColumn('purge_claimed_at', time).execute();
  await db.schema.createIndex('images_content_hash').on('images').column('content_hash').execute();
  await db.schema.createIndex('images_trashed_at').on('images').column('trashed_at').execute();
}
