/** Database errors the app turns into answers for people, recognised on either engine. */

const UNIQUE_VIOLATION = new Set([
  'SQLITE_CONSTRAINT_UNIQUE', // better-sqlite3
  'SQLITE_CONSTRAINT_PRIMARYKEY',
  '23505', // PostgreSQL unique_violation
]);

/** True when `err` is an insert or update refused by a unique index or primary key. */
export function isUniqueViolation(err: unknown): boolean {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' && UNIQUE_VIOLATION.has(err.code);
}
