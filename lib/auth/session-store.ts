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
import { type AppDb, resolveDb } from '@/lib/db/index';
import { SESSION_MAX_AGE_SECONDS, SESSION_UPDATE_AGE_SECONDS } from './session-lifetime';

const hashId = (sid: string) => createHash('sha256').update(sid).digest('base64url');

/** Opens a session for `userId` and returns its id (to put in the token). */
export async function createSession(userId: string, db?: AppDb, now = Date.now()): Promise<string> {
  const sid = randomBytes(32).toString('base64url');
  await (await resolveDb(db)).transaction().execute(async (trx) => {
    await trx.deleteFrom('sessions').where('expires_at', '<=', now).execute();
    await trx
      .insertInto('sessions')
      .values({
        id: hashId(sid),
        user_id: userId,
        created_at: now,
        last_seen_at: now,
        expires_at: now + SESSION_MAX_AGE_SECONDS * 1000,
      })
      .execute();
  });
  return sid;
}

/**
 * True while the session lives; slides its expiry when it was last extended over a day ago. Asked on
 * every request, so an ending written by any app instance holds at the next request on all of them.
 */
export async function touchSession(sid: string, userId: string, db?: AppDb, now = Date.now()): Promise<boolean> {
  const store = await resolveDb(db);
  const row = await store
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select('s.last_seen_at')
    .where('s.id', '=', hashId(sid))
    .where('s.user_id', '=', userId)
    .where('s.expires_at', '>', now)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return false;
  if (now - row.last_seen_at >= SESSION_UPDATE_AGE_SECONDS * 1000) {
    await store
      .updateTable('sessions')
      .set({ last_seen_at: now, expires_at: now + SESSION_MAX_AGE_SECONDS * 1000 })
      .where('id', '=', hashId(sid))
      .execute();
  }
  return true;
}

export async function endSession(sid: string, db?: AppDb): Promise<void> {
  await (await resolveDb(db)).deleteFrom('sessions').where('id', '=', hashId(sid)).execute();
}

/** Ends every session of a user; returns how many there were. */
export async function endAllSessions(userId: string, db?: AppDb): Promise<number> {
  const result = await (await resolveDb(db)).deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
