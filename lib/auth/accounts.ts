/**
 * The user fields sign-in and session checks need, including `disabled_at` (which the general users
 * module does not expose yet). A disabled user is refused at sign-in and on every request.
 */
import { type AppDb, getDb } from '@/lib/db/index';
import type { Role } from './roles';

export interface Account {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  password_hash: string | null;
  disabled_at: number | null;
}

const COLUMNS = 'id, email, name, role, password_hash, disabled_at';

/** By email (case-insensitive, as stored), disabled or not. */
export function findAccountByEmail(email: string, db: AppDb = getDb()): Account | undefined {
  return db.prepare(`SELECT ${COLUMNS} FROM users WHERE email = ?`).get(email.trim().toLowerCase()) as
    | Account
    | undefined;
}

/** By id, only while the account is not disabled. */
export function findActiveAccount(id: string, db: AppDb = getDb()): Account | undefined {
  return db.prepare(`SELECT ${COLUMNS} FROM users WHERE id = ? AND disabled_at IS NULL`).get(id) as Account | undefined;
}
