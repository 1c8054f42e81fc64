import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseFiles, loosePermissions } from './file-modes';
import { openSqlite } from './open';

const mode = (file: string) => statSync(file).mode & 0o777;
const scratch = () => mkdtempSync(path.join(tmpdir(), 'pixvault-modes-'));

describe('database file modes', () => {
  it('creates a new database private to its owner: folder 0700, the database and its WAL files 0600', () => {
    const file = path.join(scratch(), 'data', 'app', 'app.db');
    const db = openSqlite(file, ['CREATE TABLE t (x INTEGER);']);
    db.prepare('INSERT INTO t (x) VALUES (1)').run(); // makes SQLite write the -wal and -shm files
    expect(mode(path.dirname(file))).toBe(0o700);
    for (const f of databaseFiles(file)) expect(mode(f), f).toBe(0o600);
    expect(loosePermissions(file)).toEqual([]);
    db.close();
  });

  it('tightens a folder made earlier by something else when the database is new', () => {
    const dir = path.join(scratch(), 'app');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    openSqlite(path.join(dir, 'app.db'), []).close();
    expect(mode(dir)).toBe(0o700);
  });

  it('reports, without changing, an existing install that others can read', () => {
    const dir = path.join(scratch(), 'app');
    const file = path.join(dir, 'app.db');
    openSqlite(file, ['CREATE TABLE t (x INTEGER);']).close();
    chmodSync(dir, 0o755);
    chmodSync(file, 0o644);
    writeFileSync(`${file}-wal`, '');
    chmodSync(`${file}-wal`, 0o640);
    const problems = loosePermissions(file);
    expect(problems).toEqual([
      `${dir} is 0755; expected 0700 (chmod 700 "${dir}")`,
      `${file} is 0644; expected 0600 (chmod 600 "${file}")`,
      `${file}-wal is 0640; expected 0600 (chmod 600 "${file}-wal")`,
    ]);
    openSqlite(file, []).close(); // opening an existing install leaves its modes to the operator
    expect(mode(file)).toBe(0o644);
  });

  it('has nothing to say before the first start', () => {
    expect(loosePermissions(path.join(scratch(), 'app', 'app.db'))).toEqual([]);
  });
});
