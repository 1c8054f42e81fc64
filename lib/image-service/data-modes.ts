/**
 * The service's data is private to the account running it: folders 0700, files 0600 (originals and
 * variants, `service.db` with its `-wal` and `-shm` files — it holds the signing keys — and
 * `credentials.json` with the API token). New installs are created that way; an existing install that
 * is looser is reported at start, not changed (an operator may have widened it on purpose).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { databaseFiles } from '@/lib/sqlite/file-modes';

export const PRIVATE_DIR = 0o700;
export const PRIVATE_FILE = 0o600;

const STORE_DIRS = ['originals', 'variants', 'tmp'];

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

function looseMode(file: string): number | null {
  if (!existsSync(file)) return null;
  const mode = statSync(file).mode;
  return mode & 0o077 ? mode : null;
}

/**
 * One line per path of the data folder that other accounts may read or enter (folders inside the
 * store are summed up per store folder); empty when all is private, and on Windows, where file modes
 * mean nothing.
 */
export function looseDataModes(dataDir: string): string[] {
  if (process.platform === 'win32') return [];
  const problems: string[] = [];
  const check = (file: string, expected: number) => {
    const mode = looseMode(file);
    if (mode !== null) problems.push(`${file} is ${octal(mode)}; expected ${octal(expected)}`);
  };
  check(dataDir, PRIVATE_DIR);
  for (const name of STORE_DIRS) {
    const dir = path.join(dataDir, name);
    check(dir, PRIVATE_DIR);
    if (!existsSync(dir)) continue;
    const loose = readdirSync(dir, { withFileTypes: true }).filter(
      (e) => e.isDirectory() && looseMode(path.join(dir, e.name)) !== null,
    ).length;
    if (loose > 0) problems.push(`${loose} folders in ${dir} are readable by others; expected ${octal(PRIVATE_DIR)}`);
  }
  check(path.join(dataDir, 'credentials.json'), PRIVATE_FILE);
  for (const file of databaseFiles(path.join(dataDir, 'service.db'))) check(file, PRIVATE_FILE);
  return problems;
}

/** Warns once per loose path of an existing install; returns the warnings. */
export function warnIfDataIsLoose(dataDir: string, warn: (line: string) => void = console.warn): string[] {
  const problems = looseDataModes(dataDir);
  for (const problem of problems) {
    warn(
      `[image-service] warning: other accounts on this machine can read the service's data: ${problem} (chmod -R go-rwx "${dataDir}")`,
    );
  }
  return problems;
}
