/**
 * SQLite installs made before Kysely (numbered scripts in `user_version`) upgrade in place, and
 * transactions hold the file's write lock from their first statement, so processes take turns.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createSession, touchSession } from '@/lib/auth/session-store';
import { takeToken } from '@/lib/rate-limit';
import { openSqlite } from '@/lib/sqlite/open';
import { openTestDb } from '@/test/helpers/db';
import { getImageByServiceId } from './images';
import { MIGRATIONS } from './migrations/index';
import { LEGACY_SQLITE_MIGRATIONS } from './migrations/legacy-sqlite';
import { setUserPassword } from './users';

const scratchFile = () => path.join(mkdtempSync(path.join(tmpdir(), 'pixvault-migrate-')), 'app.db');

/** A file as the old app left it after its first `scripts` numbered migrations, with a user and an image. */
function oldInstall(scripts: number): string {
  const file = scratchFile();
  const old = openSqlite(file, LEGACY_SQLITE_MIGRATIONS.slice(0, scripts));
  old.prepare("INSERT INTO users (id, email, role, created_at) VALUES ('u', 'U@example.com', 'uploader', 1)").run();
  const idColumn = scripts === 1 ? 'cf_id' : 'service_id';
  old
    .prepare(
      `INSERT INTO images (id, ${idColumn}, owner_id, title, filename, status, created_at, updated_at)
       VALUES ('rec', 'svc', 'u', 't', 't.jpg', 'ready', 1, 1)`,
    )
    .run();
  old.close();
  return file;
}

describe('upgrading an install made before Kysely', () => {
  for (const scripts of [1, LEGACY_SQLITE_MIGRATIONS.length]) {
    it(`keeps its rows and reaches the current schema from script ${scripts} of ${LEGACY_SQLITE_MIGRATIONS.length}`, async () => {
      const file = oldInstall(scripts);
      const db = await openTestDb({ engine: 'sqlite', file });
      expect(await getImageByServiceId('svc', db)).toMatchObject({ id: 'rec', owner_id: 'u' });
      const recorded = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db);
      expect(recorded.rows.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS));
      // The old tables keep their rules: sessions end on a password change; the later tables exist.
      const sid = await createSession('u', db, 1_000);
      await setUserPassword('u', 'new hash', db);
      expect(await touchSession(sid, 'u', db, 1_000)).toBe(false);
      expect(await takeToken(db, { key: 'k', capacity: 1, windowMs: 1_000 }, 1_000)).toEqual({ ok: true });
      // Opening it again changes nothing.
      const again = await openTestDb({ engine: 'sqlite', file });
      expect(await getImageByServiceId('svc', again)).toMatchObject({ id: 'rec' });
    });
  }
});

describe('SQLite transactions', () => {
  it('hold the write lock from their first statement, so another process cannot write in between', async () => {
    const file = scratchFile();
    const db = await openTestDb({ engine: 'sqlite', file });
    const other = new Database(file, { timeout: 0 });
    let entered!: () => void;
    let leave!: () => void;
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const mayLeave = new Promise<void>((resolve) => {
      leave = resolve;
    });
    const transaction = db.transaction().execute(async (trx) => {
      await trx.selectFrom('users').select('id').execute(); // a read first: a deferred BEGIN would not lock yet
      entered();
      await mayLeave;
    });
    await inside;
    expect(() => other.exec('BEGIN IMMEDIATE')).toThrow(/locked|busy/i);
    leave();
    await transaction;
    other.exec('BEGIN IMMEDIATE');
    other.exec('COMMIT');
    other.close();
  });
});
