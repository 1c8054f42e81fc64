/** Values an installation generates once and keeps for its lifetime, in the app's database. */
import { type AppDb, getDb } from './index';

const read = (key: string, db: AppDb) =>
  (db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value;

/**
 * The stored value of `key`, created with `make()` the first time. Two processes asking at once get
 * the same value: the first insert wins and both read it back.
 */
export function settingOnce(key: string, make: () => string, db: AppDb = getDb()): string {
  const stored = read(key, db);
  if (stored !== undefined) return stored;
  db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run(key, make());
  const value = read(key, db);
  if (value === undefined) throw new Error(`The setting ${key} could not be stored.`);
  return value;
}
