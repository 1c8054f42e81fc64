/**
 * Kysely's SQLite dialect with two changes that make it safe for more than one process on one file
 * (the app and `npm run users`, or two instances starting at once):
 * - every transaction starts with BEGIN IMMEDIATE, taking the write lock up front. A deferred BEGIN
 *   that reads first and writes later fails at once with SQLITE_BUSY when another process wrote in
 *   between (the busy timeout cannot help there); all of this app's transactions write.
 * - migrations run inside one such transaction (SQLite has transactional DDL; Kysely's adapter does
 *   not use it), so two processes migrating at once take turns and a failed migration leaves nothing.
 */
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  SqliteAdapter,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export class AppSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }

  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
