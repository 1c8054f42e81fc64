/**
 * `npm start` builds the app when there is no build or a source changed since the last one. Several
 * launchers may start at once from one checkout (two instances on one machine, the two-instance
 * tests): two `next build` runs writing the same `.next/` would corrupt it, so the build is taken
 * under a lock file; whoever waited finds a fresh build afterwards and skips its own.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';

const SOURCE_DIRS = ['app', 'components', 'lib'];
const SOURCE_FILES = ['next.config.mjs', 'proxy.ts', 'instrumentation.ts', 'package-lock.json'];

export function newestSourceMtime(root: string): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const dir of SOURCE_DIRS) if (existsSync(path.join(root, dir))) walk(path.join(root, dir));
  for (const file of SOURCE_FILES) {
    if (existsSync(path.join(root, file))) newest = Math.max(newest, statSync(path.join(root, file)).mtimeMs);
  }
  return newest;
}

export function buildIsCurrent(root: string): boolean {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  return existsSync(buildId) && statSync(buildId).mtimeMs >= newestSourceMtime(root);
}

function holderAlive(lockFile: string): boolean {
  const pid = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
}

/** Resolves when `lockFile` is gone, or its holder died without removing it (then removes it). */
function lockReleased(lockFile: string): Promise<void> {
  return new Promise((resolve) => {
    const dir = path.dirname(lockFile);
    let done = false;
    const check = () => {
      if (done) return;
      try {
        if (existsSync(lockFile) && holderAlive(lockFile)) return;
      } catch {
        // read between its removal and our check: released
      }
      done = true;
      watcher.close();
      clearInterval(liveness);
      resolve();
    };
    const watcher = watch(dir, check);
    // A holder killed mid-build (SIGKILL, power) never removes the file: its pid is checked now and then.
    const liveness = setInterval(check, 1000);
    check();
  });
}

/** Takes the lock (waiting for any live holder) and returns its release. */
export async function acquireLock(lockFile: string, onWait: (pid: string) => void): Promise<() => void> {
  mkdirSync(path.dirname(lockFile), { recursive: true });
  let announced = false;
  for (;;) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      // process.exit (Ctrl-C while building) skips `finally` blocks, not 'exit' listeners.
      const release = () => {
        process.off('exit', release);
        rmSync(lockFile, { force: true });
      };
      process.on('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let alive = false;
    try {
      alive = holderAlive(lockFile);
    } catch {
      continue; // removed meanwhile: try again
    }
    if (!alive) {
      rmSync(lockFile, { force: true }); // left by a launcher that died while building
      continue;
    }
    if (!announced) onWait(readFileSync(lockFile, 'utf8').trim());
    announced = true;
    await lockReleased(lockFile);
  }
}

/** `next build` in `root`; `exited` resolves with its exit code. */
export function spawnBuild(root: string, env: NodeJS.ProcessEnv): { child: ChildProcess; exited: Promise<number> } {
  const child = spawn(path.join(root, 'node_modules', '.bin', 'next'), ['build'], { cwd: root, env, stdio: 'inherit' });
  const exited = new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
  return { child, exited };
}

/**
 * Runs `build` when the app needs building, one launcher at a time; resolves with its exit code (0
 * when no build was needed, or the launcher it waited for built it).
 */
export async function buildIfNeeded(
  root: string,
  build: () => Promise<number>,
  lockFile = path.join(root, 'node_modules', '.cache', 'pixvault', 'build.lock'),
): Promise<number> {
  if (buildIsCurrent(root)) return 0;
  const release = await acquireLock(lockFile, (pid) =>
    console.log(`Another npm start (pid ${pid}) is building the app; waiting for it...`),
  );
  try {
    if (buildIsCurrent(root)) return 0; // built by the launcher we waited for
    console.log('Building the app (first start, or sources changed)...');
    return await build();
  } finally {
    release();
  }
}
