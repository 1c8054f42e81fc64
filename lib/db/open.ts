/**
 * Opening the app's store on either engine, migrated and ready. SQLite keeps what lib/sqlite/open
 * gives every SQLite file here (WAL, foreign keys, busy timeout, owner-only file modes, and prepared
 * statements reused by SQL text, which Kysely's driver would otherwise prepare on every query).
 */
import { Kysely, PostgresDialect } from 'kysely';
import { openSqlite } from '@/lib/sqlite/open';
import { migrateStore } from './migrate';
import { finishLegacyMigrations } from './migrations/legacy-sqlite';
import { createPool } from './postgres-pool';
import type { Database } from './schema';
import { AppSqliteDialect } from './sqlite-dialect';

export type StoreLocation = { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string };

function connect(where: StoreLocation): { db: Kysely<Database>; legacy: boolean } {
  if (where.engine === 'sqlite') {
    const sqlite = openSqlite(where.file, []);
    try {
      const legacy = finishLegacyMigrations(sqlite);
      return { db: new Kysely<Database>({ dialect: new AppSqliteDialect({ database: sqlite }) }), legacy };
    } catch (err) {
      sqlite.close();
      throw err;
    }
  }
  const pool = createPool(where.url);
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), legacy: false };
}

/** Opens (SQLite: creates) the store at `where` and migrates it; a bare string is a SQLite file. */
export async function openAppDb(where: StoreLocation | string): Promise<Kysely<Database>> {
  const { db, legacy } = connect(typeof where === 'string' ? { engine: 'sqlite', file: where } : where);
  try {
    await migrateStore(db, legacy);
    return db;
  } catch (err) {
    await db.destroy();
    throw err;
  }
}
