/** Values an installation generates once and keeps for its lifetime, in the app's database. */
import { type AppDb, getDb } from './index';

/**
 * The stored value of `key`, created with `make()` the first time. Two processes asking at once get
 * the same value: the first insert wins and both read it back.
 */
export function settingOnce(key: string, make: () => string, db: AppDb = getDb()): string {
  db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run(key, make());
  return (db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string }).value;
}
