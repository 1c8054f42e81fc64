/**
 * Copies one app store into another, empty one, on either engine (`npm run db:copy`): a single
 * machine's SQLite file into PostgreSQL, or back. Both stores are opened through `openAppDb`, so
 * they are migrated to the same schema first; rows are copied as they are (ids, times, hashes), table
 * by table in TABLES order (parents first), inside one transaction on the target, from one consistent
 * read of the source. Whole tables are read into memory: fine for the thousands of users and
 * hundreds of thousands of image records a single machine holds.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { engineOf } from './engine';
import type { AppDb } from './index';
import { type Database, TABLES } from './schema';

export type TableName = (typeof TABLES)[number];

export interface TableCount {
  table: TableName;
  /** Rows read from the source. */
  copied: number;
  /** Rows the target holds after the copy. */
  target: number;
}

/** The target already holds rows: nothing was copied. */
export class TargetNotEmptyError extends Error {
  constructor(readonly counts: { table: string; rows: number }[]) {
    super(
      `The target already holds data (${counts.map((c) => `${c.table}: ${c.rows}`).join(', ')}); db:copy copies only into an empty store, so nothing was changed.`,
    );
  }
}

// Kysely's own bookkeeping; each store keeps its own.
const MIGRATION_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);
/** SQLite's full-text index and its shadow tables: derived, refilled by triggers as rows arrive. */
const isDerived = (name: string) => name === 'image_search' || name.startsWith('image_search_');

/** Refuses a store with a table TABLES does not list: it would be left behind without a word. */
async function checkTablesKnown(db: AppDb): Promise<void> {
  const known = new Set<string>(TABLES);
  const { rows } =
    engineOf(db) === 'postgres'
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)
      : await sql<{ name: string }>`select name from sqlite_master
          where type = 'table' and substr(name, 1, 7) <> 'sqlite_'`.execute(db);
  const unknown = rows
    .map((t) => t.name)
    .filter((name) => !known.has(name) && !MIGRATION_TABLES.has(name) && !isDerived(name));
  if (unknown.length > 0) {
    throw new Error(
      `The store has tables db:copy does not know (${unknown.join(', ')}); add them to TABLES in lib/db/schema.ts.`,
    );
  }
}

async function countRows(db: Kysely<Database>, table: TableName): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function nonEmpty(db: Kysely<Database>): Promise<{ table: string; rows: number }[]> {
  const counts: { table: string; rows: number }[] = [];
  for (const table of TABLES) {
    const rows = await countRows(db, table);
    if (rows > 0) counts.push({ table, rows });
  }
  return counts;
}

/** Parameters per INSERT stay well under both engines' limits (SQLite 32766, PostgreSQL 65535). */
const PARAMETERS_PER_INSERT = 10_000;

async function insertRows(db: Kysely<Database>, table: TableName, rows: Record<string, unknown>[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  // PostgreSQL generates identity ids (audit_log) unless told to keep the given ones.
  const keepIds: RawBuilder<unknown> = engineOf(db) === 'postgres' ? sql`overriding system value` : sql``;
  const perInsert = Math.max(1, Math.floor(PARAMETERS_PER_INSERT / columns.length));
  for (let i = 0; i < rows.length; i += perInsert) {
    const values = rows.slice(i, i + perInsert).map((row) => sql`(${sql.join(columns.map((c) => row[c]))})`);
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) ${keepIds} values ${sql.join(values)}`.execute(
      db,
    );
  }
}

/** After rows with explicit ids, PostgreSQL's sequences must continue above them (SQLite's AUTOINCREMENT does by itself). */
async function resetSequences(db: Kysely<Database>): Promise<void> {
  if (engineOf(db) !== 'postgres') return;
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and table_name in (${sql.join([...TABLES])})
      and (is_identity = 'YES' or column_default like 'nextval(%')`.execute(db);
  for (const { table_name, column_name } of rows) {
    await sql`select setval(pg_get_serial_sequence(${table_name}, ${column_name}),
      coalesce((select max(${sql.ref(column_name)}) from ${sql.table(table_name)}), 0) + 1, false)`.execute(db);
  }
}

/** Reads every table of `source` in one transaction (a consistent snapshot on PostgreSQL, the write lock on SQLite). */
async function readAll(source: AppDb): Promise<Map<TableName, Record<string, unknown>[]>> {
  const tx = source.transaction();
  const snapshot = engineOf(source) === 'postgres' ? tx.setIsolationLevel('repeatable read') : tx;
  return snapshot.execute(async (trx) => {
    const tables = new Map<TableName, Record<string, unknown>[]>();
    for (const table of TABLES) {
      tables.set(table, (await trx.selectFrom(table).selectAll().execute()) as Record<string, unknown>[]);
    }
    return tables;
  });
}

/**
 * Copies every row of `source` into `target`, which must hold none. All or nothing: on any error
 * the target is left as it was. Returns, per table, the rows copied and the rows the target holds
 * afterwards; throws if they differ.
 */
export async function copyStore(source: AppDb, target: AppDb): Promise<TableCount[]> {
  await checkTablesKnown(source);
  await checkTablesKnown(target);
  const occupied = await nonEmpty(target);
  if (occupied.length > 0) throw new TargetNotEmptyError(occupied);
  const tables = await readAll(source);
  await target.transaction().execute(async (trx) => {
    // Checked again inside the transaction: an app instance may have started on the target meanwhile.
    const raced = await nonEmpty(trx);
    if (raced.length > 0) throw new TargetNotEmptyError(raced);
    for (const table of TABLES) await insertRows(trx, table, tables.get(table) ?? []);
    await resetSequences(trx);
  });
  const counts: TableCount[] = [];
  for (const table of TABLES) {
    counts.push({ table, copied: tables.get(table)?.length ?? 0, target: await countRows(target, table) });
  }
  const wrong = counts.filter((c) => c.copied !== c.target);
  if (wrong.length > 0) {
    throw new Error(
      `The copy did not verify: ${wrong.map((c) => `${c.table} copied ${c.copied}, target holds ${c.target}`).join('; ')}.`,
    );
  }
  return counts;
}
