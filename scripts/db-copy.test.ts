/** `npm run db:copy`, run as a user runs it: a SQLite install copied to this project's engine, and its refusals. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StoreLocation } from '@/lib/db/index';
import { TABLES } from '@/lib/db/schema';
import { freshStore, openTestDb } from '@/test/helpers/db';
import { dumpStore, seedStore } from '@/test/helpers/store-seed';

function copy(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/db-copy.ts', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const spec = (store: StoreLocation) => (store.engine === 'sqlite' ? `sqlite:${store.file}` : store.url);
const sourceFile = path.join(mkdtempSync(path.join(tmpdir(), 'pixvault-copy-cli-')), 'app.db');

beforeAll(async () => {
  await seedStore(await openTestDb({ engine: 'sqlite', file: sourceFile }), 'cli');
});

describe('npm run db:copy', () => {
  it('copies an install, prints the rows per table, and refuses to copy into it again', async () => {
    const target = await freshStore();
    const run = await copy('--from', `sqlite:${sourceFile}`, '--to', spec(target));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^Copied sqlite:${sourceFile} to .* in one transaction:$`));
    expect(lines.slice(1, -1).map((l) => l.trim().split(/\s+/)[0])).toEqual([...TABLES]);
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}users +3 copied +3 in target$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}audit_log +3 copied +3 in target$/));
    expect(lines.at(-1)).toBe('Verified: every table of the target holds exactly the rows copied.');
    const source = await openTestDb({ engine: 'sqlite', file: sourceFile });
    expect(await dumpStore(await openTestDb(target))).toEqual(await dumpStore(source));

    const again = await copy('--from', `sqlite:${sourceFile}`, '--to', spec(target));
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /^The target already holds data \(users: 3, .*\); db:copy copies only into an empty store, so nothing was changed\. Point --to at a new, empty database\.\n$/,
    );
    expect(again.stdout).toBe('');
  });

  it('refuses a SQLite source that does not exist, without creating it', async () => {
    const missing = path.join(path.dirname(sourceFile), 'typo.db');
    const run = await copy('--from', `sqlite:${missing}`, '--to', spec(await freshStore()));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`No SQLite database at ${missing}.\n`);
    expect(existsSync(missing)).toBe(false);
  });

  it('explains what a store is when given something else', async () => {
    const run = await copy('--from', sourceFile, '--to', spec(await freshStore()));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `--from ${sourceFile} is not a store. Usage: npm run db:copy -- --from <store> --to <store>, where a store is sqlite:<path to app.db> or postgres://user:password@host:5432/db\n`,
    );
  });
});
