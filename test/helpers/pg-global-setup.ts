/**
 * Vitest globalSetup of the `postgres` project: the server its tests use is TEST_DATABASE_URL when
 * set, else a throwaway cluster started here once for the whole run and removed after it.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { findInitdb, startCluster } from './pg-cluster';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  // Every test file makes a schema whose name starts with this; they are all dropped at the end.
  const prefix = `t_${randomBytes(4).toString('hex')}_`;
  project.provide('schemaPrefix', prefix);
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    project.provide('postgresUrl', given);
    return () => dropSchemas(given, prefix);
  }
  const initdb = findInitdb();
  if (!initdb) throw new Error('No TEST_DATABASE_URL and no initdb: the postgres project should not have run.');
  const cluster = await startCluster(initdb);
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}

/** Drops this run's schemas from a database that outlives the run (TEST_DATABASE_URL). */
async function dropSchemas(url: string, prefix: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      'select nspname as name from pg_namespace where starts_with(nspname, $1)',
      [prefix],
    );
    // Names are made by test-engine.ts from hex and digits only, so they are safe to splice.
    if (rows.length > 0) await client.query(`DROP SCHEMA ${rows.map((r) => r.name).join(', ')} CASCADE`);
  } finally {
    await client.end();
  }
}
