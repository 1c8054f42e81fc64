/**
 * A throwaway PostgreSQL server for tests: initdb into a temp folder, then `postgres` on a free
 * loopback port with its socket in that folder, tuned for speed over durability (fsync off). As root
 * (initdb refuses root) it runs as the `postgres` account when there is one, else as `nobody`.
 * Also usable by end-to-end tests that need a real server.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/**
 * `initdb` on PATH, else the newest of Debian's /usr/lib/postgresql/<version>/bin; null when there is
 * none. Symlinks are resolved: `postgres` is taken from the same folder as the real `initdb`.
 */
export function findInitdb(env: NodeJS.ProcessEnv = process.env): string | null {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, 'initdb'))) return realpathSync(path.join(dir, 'initdb'));
  }
  const debian = '/usr/lib/postgresql';
  if (!existsSync(debian)) return null;
  const versions = readdirSync(debian)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const initdb = path.join(debian, version, 'bin', 'initdb');
    if (existsSync(initdb)) return initdb;
  }
  return null;
}

/** uid/gid of a local account from /etc/passwd, or null. */
function account(name: string): { uid: number; gid: number } | null {
  for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
    const [user, , uid, gid] = line.split(':');
    if (user === name && uid && gid) return { uid: Number(uid), gid: Number(gid) };
  }
  return null;
}

/** Whom to run the server as: ourselves, or (as root) an unprivileged account. */
function serverAccount(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const found = account('postgres') ?? account('nobody');
  if (!found)
    throw new Error('Running as root, and neither a postgres nor a nobody account exists to run PostgreSQL as.');
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Resolves once the server logs that it accepts connections; rejects with its log if it exits first. */
function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const onData = (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-4000);
      if (log.includes('database system is ready to accept connections')) {
        child.off('exit', onExit);
        resolve();
      }
    };
    const onExit = (code: number | null) =>
      reject(new Error(`PostgreSQL exited (${code}) before it was ready:\n${log}`));
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

export interface Cluster {
  /** `postgres://…/pixvault_test` on 127.0.0.1: a database the tests may create schemas in. */
  url: string;
  stop(): Promise<void>;
}

export async function startCluster(initdb: string): Promise<Cluster> {
  const bin = path.dirname(initdb);
  const owner = serverAccount();
  const dir = mkdtempSync(path.join(tmpdir(), 'pixvault-pg-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = path.join(dir, 'data');
  await run(initdb, ['-D', data, '-U', 'pixvault', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions'], {
    ...owner,
    cwd: dir,
  });
  let started: { server: ChildProcess; port: number; exited: Promise<void> } | null = null;
  // The free port is only free until someone else takes it: try again on a lost race.
  for (let attempt = 1; !started; attempt++) {
    const port = await freePort();
    const server = spawn(
      path.join(bin, 'postgres'),
      ['-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', dir]
        .concat(['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'])
        .concat(['-c', 'max_connections=300']),
      { ...owner, cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
    try {
      await ready(server);
      started = { server, port, exited };
    } catch (err) {
      if (attempt >= 3) {
        rmSync(dir, { recursive: true, force: true });
        throw err;
      }
    }
  }
  const { server, port, exited } = started;
  const admin = new pg.Client({ connectionString: `postgres://pixvault@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE pixvault_test');
  await admin.end();
  return {
    url: `postgres://pixvault@127.0.0.1:${port}/pixvault_test`,
    async stop() {
      server.kill('SIGQUIT'); // immediate shutdown: nothing here needs to survive
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
