/**
 * Installs made before the store moved to Kysely: SQLite files migrated by numbered SQL scripts
 * recorded in `user_version`. Opening one finishes those scripts (a file left at an older version
 * gets the rest), after which its schema is the baseline migration's and Kysely takes over from there.
 * Frozen: never edit or extend this list; new changes are Kysely migrations.
 */
import type Database from 'better-sqlite3';

export const LEGACY_SQLITE_MIGRATIONS: readonly string[] = [
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
  'ALTER TABLE images RENAME COLUMN cf_id TO service_id;',
  `CREATE TABLE settings (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL
   );`,
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

const userVersion = (sqlite: Database.Database) => sqlite.pragma('user_version', { simple: true }) as number;

/**
 * Brings a pre-Kysely install to the last of its numbered scripts; true when the file is such an
 * install (its tables exist: Kysely must record the baseline without running it). New stores keep
 * `user_version` 0.
 */
export function finishLegacyMigrations(sqlite: Database.Database): boolean {
  if (userVersion(sqlite) === 0) return false;
  if (userVersion(sqlite) >= LEGACY_SQLITE_MIGRATIONS.length) return true;
  // Re-read under the write lock: another process may be finishing the same file right now.
  sqlite.exec('BEGIN IMMEDIATE');
  try {
    for (const script of LEGACY_SQLITE_MIGRATIONS.slice(userVersion(sqlite))) sqlite.exec(script);
    sqlite.pragma(`user_version = ${LEGACY_SQLITE_MIGRATIONS.length}`);
    sqlite.exec('COMMIT');
  } catch (err) {
    sqlite.exec('ROLLBACK');
    throw err;
  }
  return true;
}
