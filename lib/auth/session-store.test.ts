import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAppDb } from '@/lib/db/index';
import { createSession, endAllSessions, endSession, touchSession } from './session-store';

const DAY = 24 * 60 * 60_000;
const T0 = 1_700_000_000_000;

function setup() {
  const db = openAppDb(path.join(mkdtempSync(path.join(tmpdir(), 'pixvault-sessions-')), 'app.db'));
  for (const id of ['u1', 'u2']) {
    db.prepare("INSERT INTO users (id, email, role, created_at) VALUES (?, ?, 'viewer', 0)").run(
      id,
      `${id}@example.com`,
    );
  }
  return db;
}

describe('session records', () => {
  it('end after 7 days without use, and slide while in use', () => {
    const db = setup();
    const [idle, almostIdle, used] = [1, 2, 3].map(() => createSession('u1', db, T0));
    expect(touchSession(almostIdle ?? '', 'u1', db, T0 + 7 * DAY - 1)).toBe(true);
    expect(touchSession(idle ?? '', 'u1', db, T0 + 7 * DAY)).toBe(false);
    for (let day = 1; day <= 20; day++) expect(touchSession(used ?? '', 'u1', db, T0 + day * DAY)).toBe(true);
    expect(touchSession(used ?? '', 'u1', db, T0 + 27 * DAY)).toBe(false);
  });

  it('write at most once a day while in use', () => {
    const db = setup();
    const sid = createSession('u1', db, T0);
    const expiry = () => (db.prepare('SELECT expires_at FROM sessions').get() as { expires_at: number }).expires_at;
    touchSession(sid, 'u1', db, T0 + DAY - 1);
    expect(expiry()).toBe(T0 + 7 * DAY);
    touchSession(sid, 'u1', db, T0 + DAY);
    expect(expiry()).toBe(T0 + 8 * DAY);
  });

  it('belong to one user, and end one at a time or all together', () => {
    const db = setup();
    const a = createSession('u1', db, T0);
    const b = createSession('u1', db, T0);
    const other = createSession('u2', db, T0);
    expect(touchSession(a, 'u2', db, T0)).toBe(false);
    endSession(a, db);
    expect(touchSession(a, 'u1', db, T0)).toBe(false);
    expect(touchSession(b, 'u1', db, T0)).toBe(true);
    expect(endAllSessions('u1', db)).toBe(1);
    expect(touchSession(b, 'u1', db, T0)).toBe(false);
    expect(touchSession(other, 'u2', db, T0)).toBe(true);
  });

  it('end when the password, role or disabled state changes, not on other changes', () => {
    const db = setup();
    const sid = createSession('u1', db, T0);
    db.prepare("UPDATE users SET name = 'New name', role = 'viewer' WHERE id = 'u1'").run();
    expect(touchSession(sid, 'u1', db, T0)).toBe(true);
    for (const change of ["role = 'uploader'", "password_hash = 'x'", 'disabled_at = 1']) {
      const live = createSession('u1', db, T0);
      db.prepare(`UPDATE users SET ${change} WHERE id = 'u1'`).run();
      expect(touchSession(live, 'u1', db, T0)).toBe(false);
      db.prepare('UPDATE users SET disabled_at = NULL').run();
    }
  });

  it('keep only a hash of the id', () => {
    const db = setup();
    const sid = createSession('u1', db, T0);
    expect(JSON.stringify(db.prepare('SELECT * FROM sessions').all())).not.toContain(sid);
  });
});
