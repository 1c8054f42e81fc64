/**
 * The processes of the two-instance run (`npm run image-service`, `npm start` twice), each in its own
 * process group so that stopping it also stops what npm started under it. Readiness is the line the
 * process prints once it serves; its output goes to a log file for when something fails.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
export const LOG_DIR = path.join(root, 'test-results', 'multi-logs');

export interface Running {
  name: string;
  /** The first match of the readiness pattern. */
  ready: RegExpMatchArray;
  stop(): Promise<void>;
}

/** `npm run <args>` in the repository with `env`; resolves once its output matches `ready`. */
export function startNpm(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  logDir = LOG_DIR,
): Promise<Running> {
  mkdirSync(logDir, { recursive: true });
  const log = createWriteStream(path.join(logDir, `${name}.log`));
  const child: ChildProcess = spawn('npm', ['run', '--silent', ...args], {
    cwd: root,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // the group is gone already
      }
      await exited;
    }
    log.end();
  };
  return new Promise((resolve, reject) => {
    let settled = false;
    const onData = (chunk: Buffer) => {
      log.write(chunk);
      if (settled) return;
      output += chunk.toString();
      const match = output.match(ready);
      if (match) {
        settled = true;
        resolve({ name, ready: match, stop });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => {
      if (settled) return;
      settled = true;
      log.end();
      reject(new Error(`${name} exited (${code}) before it was ready:\n${output.slice(-4000)}`));
    });
  });
}

/** Ports nothing listens on now, all different (held together while the system picks them). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const server = net.createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

/** The runner's environment without any setting of the app or its service, so none leaks into the processes started here. */
export function cleanEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const own = /^(PIXVAULT_|IMAGE_SERVICE_|CLOUDFLARE_|AUTH_|DATABASE_URL$|PORT$|HOST$)/;
  const clean = { ...env };
  for (const name of Object.keys(clean)) if (own.test(name)) delete clean[name];
  return clean;
}
