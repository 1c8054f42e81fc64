/**
 * Read-check-write steps that must not interleave between app instances (first admin, sign-in limits,
 * request limits, the last-admin rule). On SQLite every transaction already holds the file's write
 * lock from its first statement (./sqlite-dialect); on PostgreSQL these take explicit locks.
 */
import { type SelectQueryBuilder, sql, type Transaction } from 'kysely';
import { engineOf } from './engine';
import type { AppDb } from './index';
import type { Database } from './schema';

/**
 * Runs `work` in a transaction that no other transaction holding the same `name` runs alongside (a
 * PostgreSQL advisory lock, released at commit or rollback). For state that has no row to lock yet.
 */
export function exclusively<T>(db: AppDb, name: string, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    if (engineOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${name}))`.execute(trx);
    return work(trx);
  });
}

/** `SELECT … FOR UPDATE` on PostgreSQL (row locks until commit); SQLite has no such clause and needs none. */
export function forUpdate<DB, TB extends keyof DB, O>(
  db: AppDb,
  query: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return engineOf(db) === 'postgres' ? query.forUpdate() : query;
}
