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
import { engineOf } from './engine';
import { isUniqueViolation } from './errors';
import { type AppDb, resolveDb } from './index';
import { setUserRole } from './last-admin';
import { exclusively } from './locks';
import type { UserRow } from './schema';

export { removeUser, setUserDisabled, setUserRole } from './last-admin';
export type { UserRow };
export type PublicUser = Omit<UserRow, 'password_hash'>;

export class DuplicateEmailError extends Error {
  constructor(email: string) {
    super(`A user with the email ${email} already exists.`);
  }
}

/** A change the user rules refuse (last admin, unknown user, too short a password); the message is for people. */
export class UserRuleError extends Error {}

const LAST_ADMIN = 'This is the last admin; make someone else an admin first.';

export async function countUsers(db?: AppDb): Promise<number> {
  const row = await (await resolveDb(db))
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Admins who can act: a disabled admin does not count. */
export async function countAdmins(db?: AppDb): Promise<number> {
  const row = await (await resolveDb(db))
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findUserByEmail(email: string, db?: AppDb): Promise<UserRow | undefined> {
  const store = await resolveDb(db);
  const wanted = normalizeEmail(email);
  return store
    .selectFrom('users')
    .selectAll()
    .where((eb) =>
      // Each engine's case-insensitive unique index: SQLite's column is COLLATE NOCASE, PostgreSQL's index is on lower(email).
      engineOf(store) === 'postgres' ? eb(eb.fn('lower', ['email']), '=', wanted) : eb('email', '=', wanted),
    )
    .executeTakeFirst();
}

export async function findUserById(id: string, db?: AppDb): Promise<UserRow | undefined> {
  return (await resolveDb(db)).selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The user with this id unless the account is disabled (for sign-in and per-request session checks). */
export async function findActiveUserById(id: string, db?: AppDb): Promise<UserRow | undefined> {
  return (await resolveDb(db))
    .selectFrom('users')
    .selectAll()
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function listUsers(db?: AppDb): Promise<PublicUser[]> {
  return (await resolveDb(db))
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'created_at', 'disabled_at', 'last_sign_in_at'])
    .orderBy('created_at')
    .orderBy('email')
    .execute();
}

export async function createUser(
  input: { email: string; name?: string | null; passwordHash: string | null; role: Role },
  db?: AppDb,
): Promise<UserRow> {
  const row: UserRow = {
    id: randomUUID(),
    email: normalizeEmail(input.email),
    name: input.name ?? null,
    password_hash: input.passwordHash,
    role: input.role,
    created_at: Date.now(),
    disabled_at: null,
    last_sign_in_at: null,
  };
  try {
    await (await resolveDb(db)).insertInto('users').values(row).execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw new DuplicateEmailError(row.email);
    throw err;
  }
  return row;
}

/** Creates the first admin only while no user exists; two racing setups (on any instances) cannot both succeed. */
export async function createFirstAdmin(
  input: { email: string; name?: string | null; passwordHash: string },
  db?: AppDb,
): Promise<UserRow | null> {
  return exclusively(await resolveDb(db), 'pixvault:first-admin', async (trx) =>
    (await countUsers(trx)) === 0 ? createUser({ ...input, role: 'admin' }, trx) : null,
  );
}

export async function setUserPassword(id: string, passwordHash: string, db?: AppDb): Promise<boolean> {
  const result = await (await resolveDb(db))
    .updateTable('users')
    .set({ password_hash: passwordHash })
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** A person's own display name (null: none); the column is not one whose change ends sessions. */
export async function setUserName(id: string, name: string | null, db?: AppDb): Promise<boolean> {
  const result = await (await resolveDb(db)).updateTable('users').set({ name }).where('id', '=', id).executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Notes a successful sign-in (any method); the column is not one whose change ends sessions. */
export async function recordSignIn(id: string, db?: AppDb, now = Date.now()): Promise<void> {
  await (await resolveDb(db)).updateTable('users').set({ last_sign_in_at: now }).where('id', '=', id).execute();
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
  db?: AppDb,
): Promise<UserRow> {
  const passwordHash = await hashValidPassword(input.password);
  const user = await createUser({ email: input.email, name: input.name ?? null, passwordHash, role: input.role }, db);
  await audit(actorId, 'user.created', user.id, { role: input.role }, db);
  return user;
}

export async function changeRole(actorId: string | null, userId: string, role: Role, db?: AppDb): Promise<void> {
  const user = await findUserById(userId, db);
  if (!user) throw new UserRuleError('No such user.');
  if (!(await setUserRole(userId, role, db))) throw new UserRuleError(LAST_ADMIN);
  await audit(actorId, 'user.role_changed', userId, { from: user.role, to: role }, db);
}

export async function changePassword(
  actorId: string | null,
  userId: string,
  password: string,
  db?: AppDb,
): Promise<void> {
  const passwordHash = await hashValidPassword(password);
  if (!(await setUserPassword(userId, passwordHash, db))) throw new UserRuleError('No such user.');
  await audit(actorId, 'user.password_changed', userId, undefined, db);
}

/** Refuses before anything is deleted when `userId` is unknown or the last admin. */
export async function assertRemovable(userId: string, db?: AppDb): Promise<UserRow> {
  const user = await findUserById(userId, db);
  if (!user) throw new UserRuleError('No such user.');
  if (user.role === 'admin' && user.disabled_at === null && (await countAdmins(db)) <= 1)
    throw new UserRuleError('The last admin cannot be removed.');
  return user;
}
