/**
 * Which tests run on which engine (read by vitest.config.ts). Every test runs on SQLite, the
 * default. The data-layer and API tests run on PostgreSQL too: every test file that imports the
 * store (`@/lib/db/…`) or the helpers that configure it (`@/test/helpers/db`, `@/test/helpers/app-env`),
 * found by reading the files, so a new one is never left out. `*.sqlite.test.ts` runs on SQLite
 * only (e.g. upgrading pre-Kysely files), `*.pg.test.ts` on PostgreSQL only (e.g. row locks).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { findInitdb } from './pg-cluster.ts';

const ROOTS = ['app', 'components', 'lib', 'scripts', 'test'];
const USES_STORE = /['"]@\/(?:lib\/db\/|test\/helpers\/(?:db|app-env)['"])/;

function testFiles(root: string, dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) found.push(...testFiles(root, rel));
    else if (entry.name.endsWith('.test.ts')) found.push(rel);
  }
  return found;
}

/** A path as a glob that matches only itself (route folders hold `[`, `(` and other glob characters). */
const literalGlob = (file: string) => file.replace(/[\\[\](){}*?!+@|^$]/g, '\\$&');

/** The test files the postgres project runs, as globs relative to `root`. */
export function postgresTestGlobs(root: string): string[] {
  return ROOTS.flatMap((dir) => testFiles(root, dir))
    .filter((file) => !file.endsWith('.sqlite.test.ts'))
    .filter((file) => file.endsWith('.pg.test.ts') || USES_STORE.test(readFileSync(path.join(root, file), 'utf8')))
    .map(literalGlob);
}

/**
 * Whether this run can reach a PostgreSQL server. Without one the postgres project is left out with
 * a one-line notice, except in CI (CI=true), where that is an error: CI must test both engines.
 */
export function postgresForTests(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.TEST_DATABASE_URL || findInitdb(env)) return true;
  const why = 'no TEST_DATABASE_URL is set and no initdb is on PATH or in /usr/lib/postgresql/*/bin';
  if (env.CI === 'true') throw new Error(`PostgreSQL is required in CI: ${why} (apt-get install postgresql).`);
  // Vitest reads this configuration more than once per run; the notice is said once.
  if (!env.PIXVAULT_POSTGRES_NOTICE_SHOWN) console.warn(`[pixvault] PostgreSQL runs skipped: ${why}.`);
  env.PIXVAULT_POSTGRES_NOTICE_SHOWN = '1';
  return false;
}
