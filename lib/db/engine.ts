/** Which engine holds a store, for the few places where SQLite and PostgreSQL need different SQL. */
import { type Kysely, PostgresAdapter } from 'kysely';

export type Engine = 'sqlite' | 'postgres';

/** Works on a store and on a transaction of it alike (they share the adapter). */
export function engineOf<DB>(db: Kysely<DB>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
