/**
 * Port checks for the launcher (scripts/start.ts): a port that cannot serve the app is one plain line
 * before anything starts, and the app's URL is printed only once Next.js really accepts connections.
 */
import net from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
// Next.js's own list of the ports browsers block (fetch spec "bad ports"): `next start` refuses exactly these.
import { isPortIsReserved, KNOWN_RESERVED_PORTS } from 'next/dist/lib/helpers/get-reserved-port.js';

/**
 * Why `port` on `host` cannot be used, as one line naming the setting (`variable`), or null when it can.
 * Taken ports are found by trying to listen, so a port held on any address that conflicts is caught.
 */
export async function portProblem(port: number, host: string, variable: string): Promise<string | null> {
  if (isPortIsReserved(port)) {
    return `${variable}=${port} cannot be used: browsers refuse port ${port} (reserved for ${KNOWN_RESERVED_PORTS[port]}), and so does Next.js. Set ${variable} to another port.`;
  }
  const error = await tryListen(port, host);
  if (!error) return null;
  switch (error.code) {
    case 'EADDRINUSE':
      return `${variable}=${port} cannot be used: ${host}:${port} is already in use. Stop what holds it, or set ${variable} to another port.`;
    case 'EACCES':
      return `${variable}=${port} cannot be used: this user may not listen on ports below 1024. Set ${variable} to another port.`;
    case 'EADDRNOTAVAIL':
      return `${variable}=${port} cannot be used: ${host} is not an address of this machine.`;
    default:
      return `${variable}=${port} cannot be used: ${error.message}`;
  }
}

function tryListen(port: number, host: string): Promise<NodeJS.ErrnoException | null> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => resolve(err));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(null)));
  });
}

/**
 * Resolves true once something accepts TCP connections on `host:port`, or false as soon as `gaveUp`
 * settles (the server process exited). Polls: a child process announces nothing else reliable.
 */
export async function waitForListening(
  port: number,
  host: string,
  gaveUp: Promise<unknown>,
  intervalMs = 100,
): Promise<boolean> {
  let over = false;
  const end = () => {
    over = true;
  };
  gaveUp.then(end, end);
  const target = connectableHost(host);
  while (!over) {
    if (await accepts(port, target)) return !over;
    await Promise.race([delay(intervalMs), gaveUp.catch(() => undefined)]);
  }
  return false;
}

/** A wildcard bind address is reached through loopback. */
export function connectableHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::' || host === '[::]') return '::1';
  return host;
}

function accepts(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
