/**
 * Users of the app — the one module for them: rows, lookups, and the rules every caller (admin page,
 * CLI, setup, sign-in) shares. Emails are unique case-insensitively; the role is authoritative here,
 * not in the session. Removing a user with their images is in `lib/images/manage.ts` (it needs the
 * image service).
 */
import { randomUUID } from 'node:crypto';
import { hashPassword } from '@/lib/auth/password';
import type { Role } from '@/lib/auth/roles';
import { normalizeEmail, passwordSchema } from '@/lib/schemas/user';
import { audit } from './audit';
import { type AppDb, getDb } from './index';

export interface UserRow {
  id: string;
  email: string;
  name: string | null;
  password_hash: string | null;
  role: Role;
  created_at: number;
  /** When an admin disabled the account (it may not sign in); null while active. */
  disabled_at: number | null;
}

export type PublicUser = Omit<UserRow, 'password_hash'>;

export class DuplicateEmailError extends Error {
  constructor(email: string) {
    super(`A user with the email ${email} already exists.`);
  }
}

/** A change the user rules refuse (last admin, unknown user, too short a password); the message is for people. */
export class UserRuleError extends Error {}

const LAST_ADMIN = 'This is the last admin; make someone else an admin first.';

export function countUsers(db: AppDb = getDb()): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
}

export function countAdmins(db: AppDb = getDb()): number {
  return (db.prepare("SELECT COUNT(*) AS n FROM users WHERE role = 'admin'").get() as { n: number }).n;
}

export function findUserByEmail(email: string, db: AppDb = getDb()): UserRow | undefined {
  return db.prepare('SELECT * FROM users WHERE email = ?').get(normalizeEmail(email)) as UserRow | undefined;
}

export function findUserById(id: string, db: AppDb = getDb()): UserRow | undefined {
  return db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
}

/** The user with this id unless the account is disabled (for sign-in and per-request session checks). */
export function findActiveUserById(id: string, db: AppDb = getDb()): UserRow | undefined {
  return db.prepare('SELECT * FROM users WHERE id = ? AND disabled_at IS NULL').get(id) as UserRow | undefined;
}

export function listUsers(db: AppDb = getDb()): PublicUser[] {
  return db
    .prepare('SELECT id, email, name, role, created_at, disabled_at FROM users ORDER BY created_at, email')
    .all() as PublicUser[];
}

export function createUser(
  input: { email: string; name?: string | null; passwordHash: string | null; role: Role },
  db: AppDb = getDb(),
): UserRow {
  const row: UserRow = {
    id: randomUUID(),
    email: normalizeEmail(input.email),
    name: input.name ?? null,
    password_hash: input.passwordHash,
    role: input.role,
    created_at: Date.now(),
    disabled_at: null,
  };
  try {
    db.prepare(
      'INSERT INTO users (id, email, name, password_hash, role, created_at) VALUES (@id, @email, @name, @password_hash, @role, @created_at)',
    ).run(row);
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'SQLITE_CONSTRAINT_UNIQUE')
      throw new DuplicateEmailError(row.email);
    throw err;
  }
  return row;
}

/** Creates the first admin only while no user exists; two racing setups cannot both succeed. */
export function createFirstAdmin(
  input: { email: string; name?: string | null; passwordHash: string },
  db: AppDb = getDb(),
): UserRow | null {
  return db.transaction(() => (countUsers(db) === 0 ? createUser({ ...input, role: 'admin' }, db) : null)).immediate();
}

// The last-admin rule is part of the statement itself, so two admins demoting or removing each other
// at the same moment cannot both succeed.
const NOT_LAST_ADMIN = "(role <> 'admin' OR (SELECT COUNT(*) FROM users WHERE role = 'admin') > 1)";

/** Changes a role; false when the user is missing or is the last admin being demoted. */
export function setUserRole(id: string, role: Role, db: AppDb = getDb()): boolean {
  const guard = role === 'admin' ? '' : ` AND ${NOT_LAST_ADMIN}`;
  return db.prepare(`UPDATE users SET role = ? WHERE id = ?${guard}`).run(role, id).changes === 1;
}

export function setUserPassword(id: string, passwordHash: string, db: AppDb = getDb()): boolean {
  return db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, id).changes === 1;
}

/** Removes a user unless they are the last admin; their image records go with them (the caller deletes the images from the service first). */
export function removeUser(id: string, db: AppDb = getDb()): boolean {
  return db.prepare(`DELETE FROM users WHERE id = ? AND ${NOT_LAST_ADMIN}`).run(id).changes === 1;
}

async function hashValidPassword(password: string): Promise<string> {
  const checked = passwordSchema.safeParse(password);
  if (!checked.success) throw new UserRuleError(checked.error.issues[0]?.message ?? 'The password is not valid.');
  return hashPassword(checked.data);
}

/** Adds a user with a password (admin page, CLI), audited as done by `actorId` (null: the CLI). */
export async function addUser(
  actorId: string | null,
  input: { email: string; name?: string | null; password: string; role: Role },
  db: AppDb = getDb(),
): Promise<UserRow> {
  const passwordHash = await hashValidPassword(input.password);
  const user = createUser({ email: input.email, name: input.name ?? null, passwordHash, role: input.role }, db);
  audit(actorId, 'user.created', user.id, { role: input.role }, db);
  return user;
}

export function changeRole(actorId: string | null, userId: string, role: Role, db: AppDb = getDb()): void {
  const user = findUserById(userId, db);
  if (!user) throw new UserRuleError('No such user.');
  if (!setUserRole(userId, role, db)) throw new UserRuleError(LAST_ADMIN);
  audit(actorId, 'user.role_changed', userId, { from: user.role, to: role }, db);
}

export async function changePassword(
  actorId: string | null,
  userId: string,
  password: string,
  db: AppDb = getDb(),
): Promise<void> {
  const passwordHash = await hashValidPassword(password);
  if (!setUserPassword(userId, passwordHash, db)) throw new UserRuleError('No such user.');
  audit(actorId, 'user.password_changed', userId, undefined, db);
}

/** Refuses before anything is deleted when `userId` is unknown or the last admin. */
export function assertRemovable(userId: string, db: AppDb = getDb()): UserRow {
  const user = findUserById(userId, db);
  if (!user) throw new UserRuleError('No such user.');
  if (user.role === 'admin' && countAdmins(db) <= 1) throw new UserRuleError('The last admin cannot be removed.');
  return user;
}
