/**
 * Stores for tests, on the engine of the running Vitest project (`sqlite` or `postgres`). The
 * process's own store (`getDb()`) is set up per file by ./engine-setup; `freshDb()` gives a test
 * one more, empty and migrated. Everything opened here is closed when the file ends.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { type AppDb, openAppDb, type StoreLocation } from '@/lib/db/index';
import { createTestSchema, engine, schemaUrl } from './test-engine';

export { engine };

const opened: AppDb[] = [];

afterAll(async () => {
  await Promise.all(opened.splice(0).map((db) => db.destroy()));
});

/** Where a new, empty store goes: a temp SQLite file, or a schema of its own. */
export async function freshStore(): Promise<StoreLocation> {
  if (engine === 'sqlite') {
    return { engine, file: path.join(mkdtempSync(path.join(tmpdir(), 'pixvault-db-')), 'app.db') };
  }
  return { engine, url: schemaUrl(await createTestSchema()) };
}

/** Opens (and migrates) the store at `where`; closed when the file ends. */
export async function openTestDb(where: StoreLocation): Promise<AppDb> {
  const db = await openAppDb(where);
  opened.push(db);
  return db;
}

/** A new, empty, migrated store on this project's engine. */
export async function freshDb(): Promise<AppDb> {
  return openTestDb(await freshStore());
}
