/**
 * The PostgreSQL database the two instances share: a schema of its own in TEST_DATABASE_URL when set,
 * else a throwaway cluster when `initdb` is on the machine. Without either the caller skips what needs
 * it, with one line, except in CI (CI=true), where that is an error: CI must run it.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { findInitdb, startCluster } from '../../test/helpers/pg-cluster';

export interface SharedDatabase {
  url: string;
  stop(): Promise<void>;
}

async function run(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function sharedDatabase(env: NodeJS.ProcessEnv = process.env): Promise<SharedDatabase | { skip: string }> {
  const given = env.TEST_DATABASE_URL;
  if (given) {
    const schema = `multi_${randomBytes(6).toString('hex')}`;
    await run(given, `CREATE SCHEMA ${schema}`);
    const url = new URL(given);
    url.searchParams.set('options', `-c search_path=${schema}`);
    return { url: url.toString(), stop: () => run(given, `DROP SCHEMA ${schema} CASCADE`) };
  }
  const initdb = findInitdb(env);
  if (initdb) return startCluster(initdb);
  const why = 'no TEST_DATABASE_URL is set and no initdb is on PATH or in /usr/lib/postgresql/*/bin';
  if (env.CI === 'true') throw new Error(`PostgreSQL is required in CI: ${why}.`);
  return { skip: why };
}
