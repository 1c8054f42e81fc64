/**
 * The app's store — users, image records, audit log, settings, sessions, limits — through Kysely on
 * SQLite (the embedded default, `<data dir>/app/app.db`) or PostgreSQL (`DATABASE_URL`). One process
 * keeps one store; it is opened and migrated on first use (start-up asks early, see instrumentation.ts).
 *
 * Every data function takes the store as an optional last argument (a transaction works too) and
 * otherwise uses this process's.
 */
import path from 'node:path';
import type { Kysely } from 'kysely';
import { appEnv } from '@/lib/env';
import { openAppDb, type StoreLocation } from './open';
import type { Database } from './schema';

export type AppDb = Kysely<Database>;
export { openAppDb, type StoreLocation };

/** Where the app's SQLite database lives: `<data dir>/app/app.db`. */
export function appDbFile(dataDir = appEnv().dataDir): string {
  return path.join(dataDir, 'app', 'app.db');
}

/** The configured store: PostgreSQL when DATABASE_URL is set, else the SQLite file in the data folder. */
export function configuredStore(env = appEnv()): StoreLocation {
  return env.databaseUrl
    ? { engine: 'postgres', url: env.databaseUrl }
    : { engine: 'sqlite', file: appDbFile(env.dataDir) };
}

// One store per process; kept on globalThis so dev-mode reloads do not open another pool.
const holder = globalThis as unknown as { pixvaultDb?: Promise<AppDb> };

export function getDb(): Promise<AppDb> {
  if (!holder.pixvaultDb) {
    const opening = openAppDb(configuredStore());
    holder.pixvaultDb = opening;
    // A failed open (database down at start) is tried again by the next caller, not cached.
    opening.catch(() => {
      if (holder.pixvaultDb === opening) holder.pixvaultDb = undefined;
    });
  }
  return holder.pixvaultDb;
}

/** `db` when given, else this process's store. */
export function resolveDb(db?: AppDb): AppDb | Promise<AppDb> {
  return db ?? getDb();
}

/** Closes this process's store (scripts and tests; a PostgreSQL pool would otherwise keep the process alive). */
export async function closeDb(): Promise<void> {
  const opening = holder.pixvaultDb;
  holder.pixvaultDb = undefined;
  const db = await opening?.catch(() => undefined);
  await db?.destroy();
}
