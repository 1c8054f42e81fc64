/**
 * The app's image records: owner, title, size, placeholder, visibility. `id` is the app's record id
 * (`recordId` in code); `service_id` is the image's id in the image service (`serviceId` in code).
 */
import { type AppDb, getDb } from './index';

export interface ImageRow {
  id: string;
  service_id: string | null;
  owner_id: string;
  title: string;
  filename: string;
  status: 'pending' | 'ready';
  private: number;
  width: number | null;
  height: number | null;
  bytes: number | null;
  content_type: string | null;
  placeholder: string | null;
  created_at: number;
  updated_at: number;
}

export type ImageWithOwner = ImageRow & { owner_email: string; owner_name: string | null };

export function insertPendingImage(
  row: { recordId: string; ownerId: string; title: string; filename: string },
  db: AppDb = getDb(),
): void {
  const now = Date.now();
  db.prepare(
    `INSERT INTO images (id, owner_id, title, filename, status, private, created_at, updated_at) VALUES (?, ?, ?, ?, 'pending', 1, ?, ?)`,
  ).run(row.recordId, row.ownerId, row.title, row.filename, now, now);
}

export function setServiceId(recordId: string, serviceId: string, db: AppDb = getDb()): void {
  db.prepare('UPDATE images SET service_id = ?, updated_at = ? WHERE id = ?').run(serviceId, Date.now(), recordId);
}

export interface ReadyFields {
  width: number;
  height: number;
  bytes: number;
  contentType: string;
  placeholder: string | null;
  filename: string | null;
}

/** Marks a pending record ready; false when it was ready already (or is gone): completion is idempotent. */
export function markReady(recordId: string, f: ReadyFields, db: AppDb = getDb()): boolean {
  return (
    db
      .prepare(
        `UPDATE images SET status = 'ready', width = ?, height = ?, bytes = ?, content_type = ?, placeholder = ?,
           filename = COALESCE(?, filename), created_at = ?, updated_at = ? WHERE id = ? AND status = 'pending'`,
      )
      .run(f.width, f.height, f.bytes, f.contentType, f.placeholder, f.filename, Date.now(), Date.now(), recordId)
      .changes === 1
  );
}

const SELECT_WITH_OWNER = `SELECT images.*, users.email AS owner_email, users.name AS owner_name FROM images JOIN users ON users.id = images.owner_id`;

export function getImage(recordId: string, db: AppDb = getDb()): ImageWithOwner | undefined {
  return db.prepare(`${SELECT_WITH_OWNER} WHERE images.id = ?`).get(recordId) as ImageWithOwner | undefined;
}

export function getImageByServiceId(serviceId: string, db: AppDb = getDb()): ImageRow | undefined {
  return db.prepare('SELECT * FROM images WHERE service_id = ?').get(serviceId) as ImageRow | undefined;
}

export interface ListQuery {
  ownerId?: string;
  search?: string;
  cursor?: { createdAt: number; id: string };
  limit: number;
}

/** Ready images, newest first, keyset-paginated on (created_at, id). */
export function listImages(q: ListQuery, db: AppDb = getDb()): ImageWithOwner[] {
  const where = ["images.status = 'ready'"];
  const args: unknown[] = [];
  if (q.ownerId) {
    where.push('images.owner_id = ?');
    args.push(q.ownerId);
  }
  if (q.search) {
    where.push("images.title LIKE ? ESCAPE '\\'");
    args.push(`%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  if (q.cursor) {
    where.push('(images.created_at, images.id) < (?, ?)');
    args.push(q.cursor.createdAt, q.cursor.id);
  }
  return db
    .prepare(
      `${SELECT_WITH_OWNER} WHERE ${where.join(' AND ')} ORDER BY images.created_at DESC, images.id DESC LIMIT ?`,
    )
    .all(...args, q.limit) as ImageWithOwner[];
}

export function updateImage(
  recordId: string,
  changes: { title?: string; private?: boolean },
  db: AppDb = getDb(),
): void {
  const row = db.prepare('SELECT title, private FROM images WHERE id = ?').get(recordId) as
    | { title: string; private: number }
    | undefined;
  if (!row) return;
  db.prepare('UPDATE images SET title = ?, private = ?, updated_at = ? WHERE id = ?').run(
    changes.title ?? row.title,
    changes.private === undefined ? row.private : changes.private ? 1 : 0,
    Date.now(),
    recordId,
  );
}

export function deleteImageRecord(recordId: string, db: AppDb = getDb()): boolean {
  return db.prepare('DELETE FROM images WHERE id = ?').run(recordId).changes === 1;
}

/** Pending records older than `olderThanMs`: candidates for reconciliation with the image service. */
export function stalePending(olderThanMs: number, db: AppDb = getDb()): ImageRow[] {
  return db
    .prepare("SELECT * FROM images WHERE status = 'pending' AND created_at <= ? ORDER BY created_at LIMIT 100")
    .all(Date.now() - olderThanMs) as ImageRow[];
}

export function imagesOwnedBy(ownerId: string, db: AppDb = getDb()): ImageRow[] {
  return db.prepare('SELECT * FROM images WHERE owner_id = ?').all(ownerId) as ImageRow[];
}
