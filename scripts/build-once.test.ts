/** Launchers starting together from one checkout build the app once, never two `next build`s at a time. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildIfNeeded } from './build-once';

/** A checkout with one source file and, when `built`, a build newer than it. */
function checkout(built: boolean): { root: string; lock: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'pixvault-build-'));
  mkdirSync(path.join(root, 'app'));
  writeFileSync(path.join(root, 'app', 'page.tsx'), 'export default 1;');
  if (built) {
    mkdirSync(path.join(root, '.next'));
    writeFileSync(path.join(root, '.next', 'BUILD_ID'), 'old');
    const past = new Date(Date.now() - 60_000);
    utimesSync(path.join(root, 'app', 'page.tsx'), past, past);
  }
  return { root, lock: path.join(root, 'locks', 'build.lock') };
}

/** What `next build` leaves behind that tells the next launcher the build is current. */
function writeBuild(root: string): number {
  mkdirSync(path.join(root, '.next'), { recursive: true });
  writeFileSync(path.join(root, '.next', 'BUILD_ID'), 'new');
  return 0;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('building before npm start serves', () => {
  it('skips the build when it is newer than every source', async () => {
    const { root, lock } = checkout(true);
    const build = vi.fn(async () => 0);
    expect(await buildIfNeeded(root, build, lock)).toBe(0);
    expect(build).not.toHaveBeenCalled();
  });

  it('two launchers at once: one builds, the other waits for it and then finds the build current', async () => {
    const { root, lock } = checkout(false);
    let announceWaiting: () => void = () => {};
    const secondIsWaiting = new Promise<void>((resolve) => {
      announceWaiting = resolve;
    });
    const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => {
      if (String(line).includes('is building the app; waiting for it')) announceWaiting();
    });
    let builds = 0;
    const build = async () => {
      builds++;
      await secondIsWaiting; // still building while the other launcher arrives
      return writeBuild(root);
    };
    const results = await Promise.all([buildIfNeeded(root, build, lock), buildIfNeeded(root, build, lock)]);
    expect(results).toEqual([0, 0]);
    expect(builds).toBe(1);
    expect(log).toHaveBeenCalledWith(`Another npm start (pid ${process.pid}) is building the app; waiting for it...`);
    expect(existsSync(lock)).toBe(false);
  });

  it('takes over a lock left by a launcher that died while building', async () => {
    const { root, lock } = checkout(false);
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    mkdirSync(path.dirname(lock), { recursive: true });
    writeFileSync(lock, String(dead));
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const build = vi.fn(async () => writeBuild(root));
    expect(await buildIfNeeded(root, build, lock)).toBe(0);
    expect(build).toHaveBeenCalledTimes(1);
    expect(existsSync(lock)).toBe(false);
  });

  it('a failed build reports its exit code and leaves no lock behind', async () => {
    const { root, lock } = checkout(false);
    vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await buildIfNeeded(root, async () => 2, lock)).toBe(2);
    expect(existsSync(lock)).toBe(false);
  });
});
