import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { connectableHost, portProblem, waitForListening } from './ports';

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A server listening on a port the system picked. */
async function holdPort(): Promise<{ server: net.Server; port: number }> {
  const server = net.createServer((socket) => socket.destroy());
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as net.AddressInfo).port };
}

/** A port number that was free a moment ago. */
async function freePort(): Promise<number> {
  const { server, port } = await holdPort();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('portProblem', () => {
  it('refuses a port browsers and Next.js refuse, naming the setting', async () => {
    expect(await portProblem(6000, '127.0.0.1', 'PORT')).toBe(
      'PORT=6000 cannot be used: browsers refuse port 6000 (reserved for x11), and so does Next.js. Set PORT to another port.',
    );
    expect(await portProblem(6666, '127.0.0.1', 'IMAGE_SERVICE_PORT')).toMatch(/^IMAGE_SERVICE_PORT=6666 cannot/);
  });

  it('refuses a port that is already taken', async () => {
    const { port } = await holdPort();
    expect(await portProblem(port, '127.0.0.1', 'PORT')).toBe(
      `PORT=${port} cannot be used: 127.0.0.1:${port} is already in use. Stop what holds it, or set PORT to another port.`,
    );
  });

  it('refuses a loopback port held on every interface', async () => {
    const server = net.createServer();
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
    const { port } = server.address() as net.AddressInfo;
    expect(await portProblem(port, '127.0.0.1', 'PORT')).toMatch(/already in use/);
  });

  it('accepts a free port and leaves it free', async () => {
    const port = await freePort();
    expect(await portProblem(port, '127.0.0.1', 'PORT')).toBeNull();
    expect(await portProblem(port, '127.0.0.1', 'PORT')).toBeNull();
  });

  it('says when the host is not an address of this machine', async () => {
    expect(await portProblem(3999, '192.0.2.1', 'PORT')).toBe(
      'PORT=3999 cannot be used: 192.0.2.1 is not an address of this machine.',
    );
  });
});

describe('waitForListening', () => {
  it('resolves true only once the port accepts connections', async () => {
    const port = await freePort();
    let listening = false;
    const never = new Promise<never>(() => {});
    const waited = waitForListening(port, '127.0.0.1', never, 10).then((ok) => ({ ok, listening }));
    const server = net.createServer((socket) => socket.destroy());
    servers.push(server);
    // The waiter is already polling a closed port when the server starts listening.
    await new Promise<void>((resolve) =>
      server.listen(port, '127.0.0.1', () => {
        listening = true;
        resolve();
      }),
    );
    expect(await waited).toEqual({ ok: true, listening: true });
  });

  it('resolves false as soon as the process it waits for gives up', async () => {
    const port = await freePort();
    let exit!: (code: number) => void;
    const exited = new Promise<number>((resolve) => (exit = resolve));
    const waited = waitForListening(port, '127.0.0.1', exited, 60_000);
    exit(1);
    expect(await waited).toBe(false);
  });

  it('reaches a wildcard bind address through loopback', () => {
    expect(connectableHost('0.0.0.0')).toBe('127.0.0.1');
    expect(connectableHost('::')).toBe('::1');
    expect(connectableHost('192.168.1.20')).toBe('192.168.1.20');
  });
});
