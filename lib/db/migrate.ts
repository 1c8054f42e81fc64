/**
 * Brings a store to the latest migration. Safe to run on every start and from several processes at
 * once: on PostgreSQL Kysely holds an advisory lock around the run, and each run is one transaction
 * (on SQLite a BEGIN IMMEDIATE one, see ./sqlite-dialect), so a second instance waits, then finds
 * nothing left to do.
 */
import { type Kysely, Migrator, sql } from 'kysely';
import { engineOf } from './engine';
import { migrationsFor } from './migrations/index';
import type { Database } from './schema';

/**
 * The schema the store's tables live in on PostgreSQL. Kysely's check for its migration table looks
 * in every schema of the database, so it is told which one is ours.
 */
async function currentSchema(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) throw new Error('The database user has no schema to create tables in (check its search_path).');
  return schema;
}

export async function migrateStore(db: Kysely<Database>, adoptsLegacyInstall = false): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrationsFor(adoptsLegacyInstall) },
    ...(engineOf(db) === 'postgres' ? { migrationTableSchema: await currentSchema(db) } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'the start';
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migrating the app database failed at ${failed}: ${reason}`, { cause: error });
  }
}
