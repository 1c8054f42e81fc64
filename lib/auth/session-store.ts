/**
 * Server-side session records, so a session can end before its cookie does. The JWT names a session
 * id; every request checks that the record still exists, belongs to that user, has not expired and
 * that the user is not disabled. Sign-out removes one record, "sign out everywhere" all of a user's;
 * a password, role or disabled change removes them in the database itself (a trigger, see lib/db),
 * and removing the user removes them through the foreign key.
 *
 * Only a hash of the id is stored: a copy of the database does not hold live session ids.
 */
import { createHash, randomBytes } from 'node:crypto';
import { type AppDb, getDb } from '@/lib/db/index';
import { SESSION_MAX_AGE_SECONDS, SESSION_UPDATE_AGE_SECONDS } from './session-lifetime';

const hashId = (sid: string) => createHash('sha256').update(sid).digest('base64url');

/** Opens a session for `userId` and returns its id (to put in the token). */
export function createSession(userId: string, db: AppDb = getDb(), now = Date.now()): string {
  const sid = randomBytes(32).toString('base64url');
  db.transaction(() => {
    db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now);
    db.prepare('INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(
      hashId(sid),
      userId,
      now,
      now,
      now + SESSION_MAX_AGE_SECONDS * 1000,
    );
  })();
  return sid;
}

/** True while the session lives; slides its expiry when it was last extended over a day ago. */
export function touchSession(sid: string, userId: string, db: AppDb = getDb(), now = Date.now()): boolean {
  const row = db
    .prepare(
      `SELECT s.last_seen_at FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id = ? AND s.user_id = ? AND s.expires_at > ? AND u.disabled_at IS NULL`,
    )
    .get(hashId(sid), userId, now) as { last_seen_at: number } | undefined;
  if (!row) return false;
  if (now - row.last_seen_at >= SESSION_UPDATE_AGE_SECONDS * 1000) {
    db.prepare('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?').run(
      now,
      now + SESSION_MAX_AGE_SECONDS * 1000,
      hashId(sid),
    );
  }
  return true;
}

export function endSession(sid: string, db: AppDb = getDb()): void {
  db.prepare('DELETE FROM sessions WHERE id = ?').run(hashId(sid));
}

/** Ends every session of a user; returns how many there were. */
export function endAllSessions(userId: string, db: AppDb = getDb()): number {
  return db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId).changes;
}
