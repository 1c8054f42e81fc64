/** SQLite store of the embedded image service: WAL mode, one migration list, typed rows. */
import type Database from 'better-sqlite3';
import { openSqlite } from '@/lib/sqlite/open';

export type Db = Database.Database;

const MIGRATIONS: string[] = [
  `CREATE TABLE images (
     id TEXT PRIMARY KEY,
     filename TEXT,
     meta TEXT NOT NULL DEFAULT '{}',
     require_signed INTEGER NOT NULL DEFAULT 0,
     creator TEXT,
     uploaded INTEGER NOT NULL,
     draft INTEGER NOT NULL DEFAULT 0,
     draft_expires INTEGER,
     upload_state TEXT,
     file_key TEXT,
     format TEXT,
     content_type TEXT,
     width INTEGER,
     height INTEGER,
     frames INTEGER,
     bytes INTEGER,
     copyright TEXT
   );
   CREATE INDEX images_list ON images (draft, uploaded, id);
   CREATE INDEX images_creator ON images (creator, uploaded, id);
   CREATE INDEX images_draft_expiry ON images (draft, draft_expires);
   CREATE TABLE variants (
     id TEXT PRIMARY KEY,
     options TEXT NOT NULL,
     never_require_signed INTEGER NOT NULL DEFAULT 0,
     created INTEGER NOT NULL
   );
   CREATE TABLE signing_keys (name TEXT PRIMARY KEY, value TEXT NOT NULL, created INTEGER NOT NULL);
   CREATE TABLE config (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE webhook_outbox (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     payload TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt INTEGER NOT NULL,
     last_error TEXT
   );
   CREATE TABLE usage (month TEXT NOT NULL, metric TEXT NOT NULL, value INTEGER NOT NULL, PRIMARY KEY (month, metric));`,
  // Daily delivery counters (UTC days), an extension outside the Cloudflare API (usage.ts).
  `CREATE TABLE usage_days (
     day TEXT PRIMARY KEY,
     deliveries INTEGER NOT NULL DEFAULT 0,
     bytes INTEGER NOT NULL DEFAULT 0,
     stored INTEGER
   );
   CREATE TABLE usage_deliveries (
     day TEXT NOT NULL,
     image_id TEXT NOT NULL,
     variant TEXT NOT NULL,
     deliveries INTEGER NOT NULL,
     PRIMARY KEY (day, image_id, variant)
   ) WITHOUT ROWID;`,
  // Capture info of the kept EXIF (JSON, capture-info.ts), reported as the x_pixvault_exif extension.
  `ALTER TABLE images ADD COLUMN capture TEXT;`,
];

export function openDb(file: string): Db {
  return openSqlite(file, MIGRATIONS);
}

export interface ImageRow {
  id: string;
  filename: string | null;
  meta: string;
  require_signed: number;
  creator: string | null;
  uploaded: number;
  draft: number;
  draft_expires: number | null;
  upload_state: string | null;
  file_key: string | null;
  format: string | null;
  content_type: string | null;
  width: number | null;
  height: number | null;
  frames: number | null;
  bytes: number | null;
  copyright: string | null;
  /** JSON of CaptureInfo; null when the original has none. */
  capture: string | null;
}

/** A complete (non-draft) image: every storage field is set. */
export type StoredImage = ImageRow & {
  file_key: string;
  format: string;
  content_type: string;
  width: number;
  height: number;
  frames: number;
  bytes: number;
};

export function isStored(row: ImageRow): row is StoredImage {
  return row.draft === 0 && row.file_key !== null && row.format !== null;
}
