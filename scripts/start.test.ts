/** The real launcher (`npm start`) refuses a port it cannot serve on with one line and exit 1, printing no URL. */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dataDir: string;
let held: net.Server;
let heldPort: number;
let freePort: number;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'pixvault-start-'));
  held = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => held.listen(0, '127.0.0.1', resolve));
  heldPort = (held.address() as net.AddressInfo).port;
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  freePort = (probe.address() as net.AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
});
afterAll(async () => {
  await new Promise((resolve) => held.close(resolve));
  await rm(dataDir, { recursive: true, force: true });
});

function launch(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PIXVAULT_DATA_DIR: dataDir,
      PIXVAULT_IMAGE_BACKEND: 'embedded',
      IMAGE_SERVICE_PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('npm start refuses a port it cannot serve on', () => {
  it('a port browsers and Next.js refuse (6000)', async () => {
    const run = await launch({ PORT: '6000' });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'PORT=6000 cannot be used: browsers refuse port 6000 (reserved for x11), and so does Next.js. Set PORT to another port.\n',
    );
    expect(run.stdout).not.toContain('Pixvault on');
  });

  it('an app port already taken', async () => {
    const run = await launch({ PORT: String(heldPort) });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `PORT=${heldPort} cannot be used: 127.0.0.1:${heldPort} is already in use. Stop what holds it, or set PORT to another port.\n`,
    );
    expect(run.stdout).toBe('');
  });

  it('an image service port already taken, before anything starts', async () => {
    const run = await launch({ PORT: String(freePort), IMAGE_SERVICE_PORT: String(heldPort) });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(`^IMAGE_SERVICE_PORT=${heldPort} cannot be used: .* already in use\\..*\\n$`),
    );
    expect(run.stdout).not.toContain('Pixvault on');
  });
});
