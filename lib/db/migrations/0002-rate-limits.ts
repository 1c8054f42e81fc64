/** Request limits kept in the store (token buckets), so every app instance sharing it enforces the same ones. */
import type { Kysely } from 'kysely';
import { engineOf } from '../engine';

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = engineOf(db) === 'postgres';
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('tokens', pg ? 'double precision' : 'real', (c) => c.notNull())
    .addColumn('updated_at', pg ? 'bigint' : 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limits_updated').on('rate_limits').column('updated_at').execute();
}
