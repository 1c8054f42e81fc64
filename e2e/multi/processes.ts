/**
 * The processes of the two-instance run (`npm run image-service`, `npm start` twice), each in its own
 * process group so that stopping it also stops what npm started under it. Readiness is the line the
 * process prints once it serves; its output goes to a log file for when something fails.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
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

/** Resolves once no process of group `pgid` is left; after 30 s the rest are killed. */
async function groupGone(pgid: number): Promise<void> {
  const alive = () => {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const deadline = Date.now() + 30_000;
  while (alive()) {
    if (Date.now() > deadline) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
      return;
    }
    // No event tells when the last process of a group exits: look again shortly.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
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
    // npm exits at SIGTERM without waiting for what it started: wait for the whole group, so nothing
    // still writes into a folder the teardown is about to remove.
    if (child.pid) await groupGone(child.pid);
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

/**
 * Ports nothing listens on now, all different. Taken below the system's ephemeral range: a port the
 * system handed out (listen on 0) can be handed out again, to any outgoing connection, in the minutes
 * `npm start` may spend building before it listens; below that range only a process that names the
 * port could take it.
 */
export async function freePorts(count: number): Promise<number[]> {
  const low = ephemeralLow();
  const ports: number[] = [];
  while (ports.length < count) {
    const candidate = low ? 10_000 + Math.floor(Math.random() * (low - 10_000)) : 0;
    const port = await listenable(candidate);
    if (port !== null && !ports.includes(port)) ports.push(port);
  }
  return ports;
}

/** The first port of the ephemeral range (Linux), or null where it cannot be read (then the system picks). */
function ephemeralLow(): number | null {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > 11_000 ? low : null;
  } catch {
    return null;
  }
}

/** `port` (0: any) if it can be listened on now, else null. */
function listenable(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(null));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      const taken = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(taken));
    });
  });
}

/** The runner's environment without any setting of the app or its service, so none leaks into the processes started here. */
export function cleanEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const own = /^(PIXVAULT_|IMAGE_SERVICE_|CLOUDFLARE_|AUTH_|DATABASE_URL$|PORT$|HOST$)/;
  const clean = { ...env };
  for (const name of Object.keys(clean)) if (own.test(name)) delete clean[name];
  return clean;
}
