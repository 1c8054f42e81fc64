/** The connection pool of a PostgreSQL store. */
import pg from 'pg';

/** BIGINT (times in milliseconds, counts) as a JS number rather than pg's default string: all fit in 2^53. */
const types: pg.CustomTypesConfig = {
  getTypeParser: (oid, format) =>
    oid === pg.types.builtins.INT8 && format !== 'binary' ? Number : pg.types.getTypeParser(oid, format),
};

/**
 * A pool for `url`, which may carry any libpq parameter pg understands, e.g.
 * `?options=-c%20search_path%3Dpixvault` for tables in another schema, or `application_name`.
 */
export function createPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 10, types, fallback_application_name: 'pixvault' });
  // An idle connection dropped by the server (restart, failover) must not crash the process: the pool
  // discards it and opens a new one for the next query.
  pool.on('error', (err) => console.error('[pixvault] database connection lost:', err.message));
  return pool;
}
