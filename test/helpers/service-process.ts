/** The image service as a child process on a data folder, for tests that SIGKILL and restart it. */
import { type ChildProcess, spawn } from 'node:child_process';

export interface ServiceProcess {
  child: ChildProcess;
  url: string;
  /** Resolves once the process has printed something matching `re` (rejects if it exits first). */
  printed(re: RegExp): Promise<void>;
}

/** A child whose modules are loading; `start()` lets it open the data folder and listen. */
export interface LoadingService {
  child: ChildProcess;
  start(): Promise<ServiceProcess>;
}

export const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

/** Spawns test/helpers/service-child.ts with `env` added to this process's environment. */
export function loadService(env: Record<string, string>): LoadingService {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/service-child.ts'], {
    env: { ...process.env, IMAGE_SERVICE_PORT: '0', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  child.stdin?.on('error', () => undefined); // killed before it read its start line
  const printed = (re: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!re.test(out)) return;
        child.stdout?.off('data', check);
        resolve();
      };
      child.stdout?.on('data', check); // after the collector above, so `out` already holds the chunk
      child.once('exit', (code) => reject(new Error(`service exited (${code}) before printing ${re}:\n${out}`)));
      check();
    });
  return {
    child,
    async start() {
      child.stdin?.end('start\n');
      await printed(/listening on http:\/\/\S+/);
      return { child, url: /listening on (http:\/\/\S+)/.exec(out)?.[1] ?? '', printed };
    },
  };
}
