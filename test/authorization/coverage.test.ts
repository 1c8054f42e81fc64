/**
 * The table names everything the app exposes, and nothing it no longer has: every exported method
 * of every app/**\/route.ts, every export of every 'use server' file, every app/**\/page.tsx. A new
 * route, action or page fails here until it has a row (and so an expected outcome per persona).
 */
import { describe, expect, it, vi } from 'vitest';
import { importAppFile, inlineServerActionFiles, pageFiles, routeFiles, serverActionFiles } from './app-files';
import { routeOf } from './paths';
import { ACTIONS, type Method, PAGES, ROUTES } from './table';

// Importing the modules only reads their exports; the fake stands in for the server-only real one.
vi.mock('@/lib/auth/session', () => import('@/test/helpers/session'));
// `server-only` throws outside React's server build; these tests are the server.
vi.mock('server-only', () => ({}));

const METHODS: readonly Method[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

const duplicates = (keys: string[]) => keys.filter((key, i) => keys.indexOf(key) !== i);

/** What is in the app but not in the table, what is in the table but not in the app, and repeated rows. */
function compare(inApp: string[], inTable: string[]) {
  return {
    missingFromTable: inApp.filter((key) => !inTable.includes(key)),
    notInApp: inTable.filter((key) => !inApp.includes(key)),
    listedTwice: duplicates(inTable),
  };
}
const clean = { missingFromTable: [], notInApp: [], listedTwice: [] };

async function exportsOf(files: string[], pick: (name: string, value: unknown) => boolean): Promise<string[]> {
  const keys: string[] = [];
  for (const file of files) {
    for (const [name, value] of Object.entries(await importAppFile(file)))
      if (pick(name, value)) keys.push(`${file} ${name}`);
  }
  return keys;
}

describe('the authorization table', () => {
  it('lists every route handler method, and no other', async () => {
    const inApp = await exportsOf(
      routeFiles(),
      (name, value) => (METHODS as string[]).includes(name) && typeof value === 'function',
    );
    const inTable = ROUTES.map((row) => `${row.file} ${row.method}`);
    expect(compare(inApp, inTable)).toEqual(clean);
  });

  it('lists every server action, and no other', async () => {
    const inApp = await exportsOf(serverActionFiles(), (_, value) => typeof value === 'function');
    const inTable = ACTIONS.map((row) => `${row.file} ${row.name}`);
    expect(compare(inApp, inTable)).toEqual(clean);
    // Actions declared inside components have no name the table could list.
    expect(inlineServerActionFiles()).toEqual([]);
  });

  it('lists every page, and no other', () => {
    expect(
      compare(
        pageFiles(),
        PAGES.map((row) => row.file),
      ),
    ).toEqual(clean);
  });

  it('says what an unknown id answers on every route that takes one', () => {
    const withoutMissing = ROUTES.filter((row) => /\[[^\]]+\]/.test(row.path ?? routeOf(row.file)) && !row.missing);
    expect(withoutMissing.map((row) => `${row.method} ${row.file}`)).toEqual([]);
  });
});
