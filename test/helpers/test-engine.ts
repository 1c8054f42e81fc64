/**
 * The engine of the running Vitest project (vitest.config.ts provides it) and, on PostgreSQL, a
 * schema per store: cheap to make, private to its test file, dropped when the whole run ends (see
 * ./pg-global-setup). Not when its file ends: Kysely's migrator lists the tables of every schema
 * before it takes its lock, and a schema dropped by a file finishing beside it made that fail
 * ("relation … does not exist") once Vitest ran two files at a time.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export type TestEngine = 'sqlite' | 'postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The engine this project runs the app's store on. */
    dbEngine: TestEngine;
    /** A PostgreSQL database the tests may create schemas in (postgres project only). */
    postgresUrl: string;
    /** The start of every schema name this run creates, so the run's teardown can drop them. */
    schemaPrefix: string;
  }
}

export const engine: TestEngine = inject('dbEngine');

async function onServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject('postgresUrl') });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A new, empty schema in the test database (its name is safe to splice into SQL). */
export async function createTestSchema(): Promise<string> {
  const schema = `${inject('schemaPrefix')}${process.pid}_${randomBytes(6).toString('hex')}`;
  await onServer(`CREATE SCHEMA ${schema}`);
  return schema;
}

/**
 * The test database's URL with `schema` as the place for tables, the way a DATABASE_URL can carry
 * it; its connections are named after the schema in pg_stat_activity (see ./pg-locks).
 */
export function schemaUrl(schema: string): string {
  const url = new URL(inject('postgresUrl'));
  url.searchParams.set('options', `-c search_path=${schema}`);
  url.searchParams.set('application_name', schema);
  return url.toString();
}
