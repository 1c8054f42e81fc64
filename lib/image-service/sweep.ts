/** Housekeeping: expired drafts (every minute) and, at start-up, what a crash left behind. */
import type { Db } from './db';
import type { BlobStore } from './store';

/** Deletes drafts whose upload URL expired and that no upload is writing to. */
export function sweepExpiredDrafts(db: Db, now: number): number {
  return db
    .prepare(
      "DELETE FROM images WHERE draft = 1 AND draft_expires <= ? AND (upload_state IS NULL OR upload_state = 'pending')",
    )
    .run(now).changes;
}

/**
 * Start-up: temp files and files no record points to (a crash between write and commit) are removed,
 * and an upload interrupted by a crash (its draft left "receiving") may be used again.
 */
export function sweepAfterCrash(db: Db, store: BlobStore) {
  const live = new Set(
    (db.prepare('SELECT file_key FROM images WHERE file_key IS NOT NULL').all() as { file_key: string }[]).map(
      (r) => r.file_key,
    ),
  );
  db.prepare("UPDATE images SET upload_state = 'pending' WHERE draft = 1 AND upload_state = 'receiving'").run();
  return store.sweep((key) => live.has(key));
}
