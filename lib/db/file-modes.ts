/** The start-up check that the app's database (password hashes, audit log) is private to the app's account. */
import { loosePermissions } from '@/lib/sqlite/file-modes';
import { appDbFile } from './index';

/** Warns once per loose path of an existing install; returns the warnings (for tests). */
export function warnIfAppDbIsLoose(file = appDbFile(), warn: (line: string) => void = console.warn): string[] {
  const problems = loosePermissions(file);
  for (const problem of problems)
    warn(`[pixvault] warning: other accounts on this machine can read the app database: ${problem}`);
  return problems;
}
