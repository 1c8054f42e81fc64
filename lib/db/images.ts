/** The app's image records: owner, title, size, placeholder, visibility; `cf_id` points into the image service. */
import { type AppDb, getDb } from './index';

export interface ImageRow {
  id: string;
  cf_id: string | null;
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
  row: { id: string; ownerId: string; title: string; filename: string },
  db: AppDb = getDb(),
): void {
  const now = Date.now();
  db.prepare(
    `INSERT INTO images (id, owner_id, title, filename, status, private, created_at, updated_at) VALUES (?, ?, ?, ?, 'pending', 1, ?, ?)`,
  ).run(row.id, row.ownerId, row.title, row.filename, now, now);
}

export function setServiceId(id: string, cfId: string, db: AppDb = getDb()): void {
  db.prepare('UPDATE images SET cf_id = ?, updated_at = ? WHERE id = ?').run(cfId, Date.now(), id);
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
export function markReady(id: string, f: ReadyFields, db: AppDb = getDb()): boolean {
  return (
    db
      .prepare(
        `UPDATE images SET status = 'ready', width = ?, height = ?, bytes = ?, content_type = ?, placeholder = ?,
           filename = COALESCE(?, filename), created_at = ?, updated_at = ? WHERE id = ? AND status = 'pending'`,
      )
      .run(f.width, f.height, f.bytes, f.contentType, f.placeholder, f.filename, Date.now(), Date.now(), id).changes ===
    1
  );
}

const SELECT_WITH_OWNER = `SELECT images.*, users.email AS owner_email, users.name AS owner_name FROM images JOIN users ON users.id = images.owner_id`;

export function getImage(id: string, db: AppDb = getDb()): ImageWithOwner | undefined {
  return db.prepare(`${SELECT_WITH_OWNER} WHERE images.id = ?`).get(id) as ImageWithOwner | undefined;
}

export function getImageByServiceId(cfId: string, db: AppDb = getDb()): ImageRow | undefined {
  return db.prepare('SELECT * FROM images WHERE cf_id = ?').get(cfId) as ImageRow | undefined;
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

export function updateImage(id: string, changes: { title?: string; private?: boolean }, db: AppDb = getDb()): void {
  const row = db.prepare('SELECT title, private FROM images WHERE id = ?').get(id) as
    | { title: string; private: number }
    | undefined;
  if (!row) return;
  db.prepare('UPDATE images SET title = ?, private = ?, updated_at = ? WHERE id = ?').run(
    changes.title ?? row.title,
    changes.private === undefined ? row.private : changes.private ? 1 : 0,
    Date.now(),
    id,
  );
}

export function deleteImageRecord(id: string, db: AppDb = getDb()): boolean {
  return db.prepare('DELETE FROM images WHERE id = ?').run(id).changes === 1;
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
