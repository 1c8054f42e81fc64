/** The app's own database (users, image records, audit log, settings): SQLite in WAL mode, migrated on open. */
import path from 'node:path';
import type Database from 'better-sqlite3';
import { appEnv } from '@/lib/env';
import { openSqlite } from '@/lib/sqlite/open';

export type AppDb = Database.Database;

/** Append-only: each entry runs once, in order, on every install (its position is its version). */
export const MIGRATIONS: readonly string[] = [
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
  // One name for the image service's id everywhere (it was `cf_id`, though the service may be the embedded one).
  'ALTER TABLE images RENAME COLUMN cf_id TO service_id;',
  // Values this installation generates once and keeps (e.g. its deployment id).
  `CREATE TABLE settings (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL
   );`,
  // Disabled accounts, revocable sessions and sign-in limits (lib/auth). The trigger ends a user's sessions
  // whenever the password, role or disabled state changes, whichever code path (CLI, admin page) changed it;
  // removing the user ends them through the foreign key.
  `ALTER TABLE users ADD COLUMN disabled_at INTEGER;
   CREATE TABLE sessions (
     id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     created_at INTEGER NOT NULL,
     last_seen_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE INDEX sessions_user ON sessions (user_id);
   CREATE INDEX sessions_expiry ON sessions (expires_at);
   CREATE TRIGGER users_end_sessions AFTER UPDATE OF password_hash, role, disabled_at ON users
   WHEN OLD.password_hash IS NOT NEW.password_hash OR OLD.role IS NOT NEW.role
     OR OLD.disabled_at IS NOT NEW.disabled_at
   BEGIN
     DELETE FROM sessions WHERE user_id = NEW.id;
   END;
   CREATE TABLE sign_in_limits (
     key TEXT PRIMARY KEY,
     failures INTEGER NOT NULL,
     started_at INTEGER NOT NULL,
     last_failure_at INTEGER NOT NULL
   );
   CREATE TABLE sign_in_known_addresses (
     user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     address TEXT NOT NULL,
     last_success_at INTEGER NOT NULL,
     PRIMARY KEY (user_id, address)
   );`,
];

export function openAppDb(file: string): AppDb {
  return openSqlite(file, MIGRATIONS);
}

// One connection per process; kept on globalThis so dev-mode reloads do not open another.
const holder = globalThis as unknown as { pixvaultDb?: AppDb };

/** Where the app's database lives: `<data dir>/app/app.db`. */
export function appDbFile(dataDir = appEnv().dataDir): string {
  return path.join(dataDir, 'app', 'app.db');
}

export function getDb(): AppDb {
  holder.pixvaultDb ??= openAppDb(appDbFile());
  return holder.pixvaultDb;
}
