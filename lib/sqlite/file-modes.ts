/**
 * A database holds secrets (password hashes, signing keys): its folder is 0700 and its files 0600,
 * so other accounts on the machine cannot read them. New installs are created that way; an existing
 * install that is looser is reported, not changed (an operator may have widened it on purpose).
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import path from 'node:path';

const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;

/** File modes mean nothing on Windows (every file reports 0666). */
const modesApply = () => process.platform !== 'win32';

/** The database file and the files SQLite keeps beside it in WAL mode. */
export function databaseFiles(file: string): string[] {
  return [file, `${file}-wal`, `${file}-shm`];
}

/**
 * Creates `file` (and its folder) readable by the owner only, unless it exists. SQLite gives the
 * `-wal` and `-shm` files it creates later the database file's own mode.
 */
export function createPrivateFile(file: string): void {
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  if (existsSync(file)) return;
  // A folder made earlier by something else (a secret written at start-up) is tightened with the new install.
  if (modesApply()) chmodSync(dir, PRIVATE_DIR);
  closeSync(openSync(file, 'a', PRIVATE_FILE));
}

function octal(mode: number): string {
  return `0${(mode & 0o777).toString(8)}`;
}

/** One line per path of an existing database that other accounts may read; empty when all is private. */
export function loosePermissions(file: string): string[] {
  if (!modesApply() || !existsSync(file)) return [];
  const problems: string[] = [];
  const dir = path.dirname(file);
  const dirMode = statSync(dir).mode;
  if (dirMode & 0o077) problems.push(`${dir} is ${octal(dirMode)}; expected 0700 (chmod 700 "${dir}")`);
  for (const f of databaseFiles(file)) {
    if (!existsSync(f)) continue;
    const mode = statSync(f).mode;
    if (mode & 0o077) problems.push(`${f} is ${octal(mode)}; expected 0600 (chmod 600 "${f}")`);
  }
  return problems;
}
