import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from './open';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function open() {
  const dir = mkdtempSync(path.join(tmpdir(), 'pixvault-sqlite-'));
  dirs.push(dir);
  return openSqlite(path.join(dir, 'x.db'), ['CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER)']);
}

describe('openSqlite statement cache', () => {
  it('reuses one prepared statement per SQL text', () => {
    const db = open();
    expect(db.prepare('SELECT id FROM t')).toBe(db.prepare('SELECT id FROM t'));
  });

  it('hands every caller a statement in the default mode, whatever an earlier caller set', () => {
    const db = open();
    db.prepare('INSERT INTO t (id, n) VALUES (?, ?)').run('a', 1);
    expect(db.prepare('SELECT id, n FROM t').pluck().all()).toEqual(['a']);
    expect(db.prepare('SELECT id, n FROM t').all()).toEqual([{ id: 'a', n: 1 }]);
    expect(db.prepare('SELECT id, n FROM t').raw().all()).toEqual([['a', 1]]);
    expect(db.prepare('SELECT id, n FROM t').get()).toEqual({ id: 'a', n: 1 });
  });
});
