/** The app's own database (users, image records, audit log): SQLite in WAL mode, migrated on open. */
import path from 'node:path';
import type Database from 'better-sqlite3';
import { appEnv } from '@/lib/env';
import { openSqlite } from '@/lib/sqlite';

export type AppDb = Database.Database;

const MIGRATIONS: string[] = [
  `CREATE TABLE users (
     id TEXT PRIMARY KEY,
     email TEXT NOT NULL UNIQUE COLLATE NOCASE,
     name TEXT,
     password_hash TEXT,
     role TEXT NOT NULL CHECK (role IN ('admin', 'uploader', 'viewer')),
     created_at INTEGER NOT NULL
   );
   CREATE TABLE images (
     id TEXT PRIMARY KEY,
     cf_id TEXT UNIQUE,
     owner_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     title TEXT NOT NULL,
     filename TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('pending', 'ready')),
     private INTEGER NOT NULL DEFAULT 1,
     width INTEGER,
     height INTEGER,
     bytes INTEGER,
     content_type TEXT,
     placeholder TEXT,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE INDEX images_gallery ON images (status, created_at DESC, id DESC);
   CREATE INDEX images_owner ON images (owner_id, status, created_at DESC, id DESC);
   CREATE TABLE audit_log (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at INTEGER NOT NULL,
     actor_id TEXT,
     action TEXT NOT NULL,
     target TEXT,
     detail TEXT
   );`,
];

export function openAppDb(file: string): AppDb {
  return openSqlite(file, MIGRATIONS);
}

// One connection per process; kept on globalThis so dev-mode reloads do not open another.
const holder = globalThis as unknown as { pixvaultDb?: AppDb };

export function getDb(): AppDb {
  holder.pixvaultDb ??= openAppDb(path.join(appEnv().dataDir, 'app', 'app.db'));
  return holder.pixvaultDb;
}
