/**
 * Gallery API benchmark (not part of `npm test`): `GET /api/images` for 60 images with signed URLs,
 * on SQLite and on PostgreSQL, over real HTTP against the built app under `next start`. PostgreSQL is
 * TEST_DATABASE_URL (a schema of its own) or a throwaway local cluster; without either only SQLite is
 * measured. Writes bench/results/api.md.
 *
 *   npm run bench:api [-- --requests 500 --warmup 50 --rounds 5 --images 200]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { sharedDatabase } from '../e2e/multi/database';
import { type Instance, seed, startInstance } from './api/instance';
import { summarize, timeRequests } from './api/measure';
import { type EngineResult, renderReport } from './api/report';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const opts = {
  requests: arg('requests', 500),
  warmup: arg('warmup', 50),
  rounds: arg('rounds', 5),
  images: arg('images', 200),
};
const PAGE_SIZE = 60;
const TARGETS = { SQLite: 20, PostgreSQL: 30 } as const;

async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ server_version: string }>('show server_version')).rows[0]?.server_version ?? '?';
  } finally {
    await client.end();
  }
}

function sqliteVersion(): string {
  const db = new Database(':memory:');
  try {
    return (db.prepare('select sqlite_version() as v').get() as { v: string }).v;
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  const load = [os.loadavg()[0] ?? 0];
  const work = mkdtempSync(path.join(os.tmpdir(), 'pixvault-bench-api-'));
  // Kept after the run (ignored by git): what each server printed, for when something went wrong.
  const logDir = path.resolve('bench/results/tmp/api-logs');
  const instances: { engine: EngineResult['engine']; version: string; instance: Instance }[] = [];
  const notes: string[] = [];
  const database = await sharedDatabase();
  try {
    const sqliteDir = path.join(work, 'sqlite');
    const sqliteStore = { engine: 'sqlite' as const, file: path.join(sqliteDir, 'app', 'app.db') };
    await seed(sqliteStore, opts.images);
    console.log('Starting the app on SQLite (builds first if sources changed)...');
    instances.push({
      engine: 'SQLite',
      version: sqliteVersion(),
      instance: await startInstance('sqlite', sqliteStore, sqliteDir, logDir),
    });
    if ('skip' in database) {
      notes.push(`PostgreSQL not measured: ${database.skip}.`);
    } else {
      const pgStore = { engine: 'postgres' as const, url: database.url };
      await seed(pgStore, opts.images);
      console.log('Starting the app on PostgreSQL...');
      instances.push({
        engine: 'PostgreSQL',
        version: await postgresVersion(database.url),
        instance: await startInstance('postgres', pgStore, path.join(work, 'postgres'), logDir),
      });
      notes.push(
        process.env.TEST_DATABASE_URL
          ? 'PostgreSQL: the server at TEST_DATABASE_URL.'
          : 'PostgreSQL: a throwaway local cluster on 127.0.0.1 (TCP), fsync off (the request only reads).',
      );
    }
    for (const { instance } of instances) await timeRequests(instance, opts.warmup, PAGE_SIZE);
    const samples = new Map<Instance, number[]>(instances.map(({ instance }) => [instance, []]));
    const perRound = Math.ceil(opts.requests / opts.rounds);
    for (let round = 0; round < opts.rounds; round++) {
      for (const { instance } of instances)
        samples.get(instance)?.push(...(await timeRequests(instance, perRound, PAGE_SIZE)));
      console.log(`round ${round + 1}/${opts.rounds} done`);
    }
    load.push(os.loadavg()[0] ?? 0);
    const results: EngineResult[] = instances.map(({ engine, version, instance }) => ({
      engine,
      version,
      summary: summarize(samples.get(instance) ?? []),
      targetP50: TARGETS[engine],
    }));
    const report = renderReport({
      command: `npm run bench:api${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
      images: opts.images,
      warmup: opts.warmup,
      rounds: opts.rounds,
      results,
      notes,
      load,
    });
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/api.md', report);
    console.log(report);
  } finally {
    for (const { instance } of instances) await instance.stop();
    if (!('skip' in database)) await database.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
