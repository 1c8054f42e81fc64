/**
 * Vitest globalSetup of the `postgres` project: the server its tests use is TEST_DATABASE_URL when
 * set, else a throwaway cluster started here once for the whole run and removed after it.
 */
import type { TestProject } from 'vitest/node';
import { findInitdb, startCluster } from './pg-cluster';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    project.provide('postgresUrl', given);
    return undefined;
  }
  const initdb = findInitdb();
  if (!initdb) throw new Error('No TEST_DATABASE_URL and no initdb: the postgres project should not have run.');
  const cluster = await startCluster(initdb);
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}
