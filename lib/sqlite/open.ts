/**
 * Opening a SQLite database the same way everywhere: WAL, foreign keys, a busy timeout, numbered
 * migrations recorded in `user_version`, and prepared statements reused by SQL text (preparing a
 * statement costs more than running a point query, and some of these run on every image request).
 * A new database is private to the account running it (see `./file-modes`).
 */
import Database from 'better-sqlite3';
import { createPrivateFile } from './file-modes';

const MAX_CACHED_STATEMENTS = 500;

export function openSqlite(file: string, migrations: readonly string[]): Database.Database {
  createPrivateFile(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const current = db.pragma('user_version', { simple: true }) as number;
  migrations.slice(current).forEach((sql, i) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${current + i + 1}`);
    })();
  });
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      // Queries built from filters vary; a bounded cache keeps that from growing without end.
      if (cache.size >= MAX_CACHED_STATEMENTS) cache.clear();
      statement = prepare(sql);
      cache.set(sql, statement);
    } else if (statement.reader) {
      // A cached statement keeps the mode an earlier caller set (`pluck`, `raw`, `expand`): a later
      // caller of the same SQL must get plain rows, or it reads ids where it expects records.
      statement.raw(false).expand(false).pluck(false);
    }
    return statement;
  }) as typeof db.prepare;
  return db;
}
