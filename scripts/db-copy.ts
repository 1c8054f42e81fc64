/**
 * `npm run db:copy -- --from <store> --to <store>`: moves an install's app store to another engine,
 * e.g. a single machine's SQLite file to the PostgreSQL several instances will share, or back.
 *   <store>: sqlite:<path to app.db>  |  postgres://user:password@host:5432/db (postgresql:// too)
 * Stop the app first. Both stores are migrated to the current schema; the target must be empty.
 * Prints the rows copied per table and what the target holds afterwards.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { copyStore, TargetNotEmptyError } from '@/lib/db/copy';
import { openAppDb, type StoreLocation } from '@/lib/db/open';

class UsageError extends Error {}

const USAGE =
  'Usage: npm run db:copy -- --from <store> --to <store>, where a store is sqlite:<path to app.db> or postgres://user:password@host:5432/db';

function parseStore(spec: string | undefined, flag: string): StoreLocation {
  if (!spec) throw new UsageError(`${flag} is missing. ${USAGE}`);
  if (/^postgres(?:ql)?:\/\/\S+$/.test(spec)) return { engine: 'postgres', url: spec };
  if (spec.startsWith('sqlite:') && spec.length > 'sqlite:'.length) {
    return { engine: 'sqlite', file: path.resolve(spec.slice('sqlite:'.length)) };
  }
  throw new UsageError(`${flag} ${spec} is not a store. ${USAGE}`);
}

/** For messages: the store without its password. */
function storeName(store: StoreLocation): string {
  if (store.engine === 'sqlite') return `sqlite:${store.file}`;
  const url = new URL(store.url);
  if (url.password) url.password = '***';
  return url.toString();
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(args: string[]): Promise<void> {
  const from = parseStore(option(args, 'from'), '--from');
  const to = parseStore(option(args, 'to'), '--to');
  if (storeName(from) === storeName(to)) throw new UsageError('--from and --to name the same store.');
  // Opening a SQLite file creates it: a typo must not become an empty source.
  if (from.engine === 'sqlite' && !existsSync(from.file)) throw new UsageError(`No SQLite database at ${from.file}.`);
  const source = await openAppDb(from);
  try {
    const target = await openAppDb(to);
    try {
      const counts = await copyStore(source, target);
      console.log(`Copied ${storeName(from)} to ${storeName(to)} in one transaction:`);
      for (const c of counts) {
        console.log(
          `  ${c.table.padEnd(24)} ${String(c.copied).padStart(8)} copied ${String(c.target).padStart(8)} in target`,
        );
      }
      console.log(`Verified: every table of the target holds exactly the rows copied.`);
    } finally {
      await target.destroy();
    }
  } finally {
    await source.destroy();
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof UsageError) {
    console.error(err.message);
    process.exit(2);
  }
  if (err instanceof TargetNotEmptyError) {
    console.error(`${err.message} Point --to at a new, empty database.`);
    process.exit(1);
  }
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
