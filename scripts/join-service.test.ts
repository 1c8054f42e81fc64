/** Joining a running embedded image service (IMAGE_SERVICE_URL): what must be given, and the check at start. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appEnv, type Env } from '@/lib/env';
import { startTestService, type TestService } from '@/test/helpers/service';
import { joinedService, joinProblem } from './join-service';
import { completeLocalEnv } from './local-secrets';

const shared = {
  CLOUDFLARE_ACCOUNT_ID: 'acc',
  CLOUDFLARE_ACCOUNT_HASH: 'hash',
  CLOUDFLARE_API_TOKEN: 'token',
  CLOUDFLARE_IMAGES_SIGNING_KEY: 'key',
  AUTH_SECRET: 's'.repeat(32),
};
const freshDataDir = () => mkdtempSync(path.join(tmpdir(), 'pixvault-join-'));

async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('which settings a joining instance needs', () => {
  it('starts its own service when IMAGE_SERVICE_URL is unset', () => {
    expect(joinedService({ ...shared })).toBeNull();
  });

  it('names every missing shared setting in one line, and none that is given', () => {
    const env: Env = { IMAGE_SERVICE_URL: 'http://10.0.0.5:3001', CLOUDFLARE_ACCOUNT_ID: 'acc', AUTH_SECRET: '' };
    expect(() => joinedService(env)).toThrow(
      "IMAGE_SERVICE_URL is set, so this instance joins the image service at http://10.0.0.5:3001 and must use the same settings as they do: set CLOUDFLARE_ACCOUNT_HASH, CLOUDFLARE_API_TOKEN, CLOUDFLARE_IMAGES_SIGNING_KEY, AUTH_SECRET to their values (the service's account is in credentials.json in its data folder).",
    );
  });

  it('uses the joined service, not Cloudflare, although the four account variables are set', () => {
    const env: Env = { ...shared, IMAGE_SERVICE_URL: 'http://10.0.0.5:3001/', PIXVAULT_DATA_DIR: freshDataDir() };
    const joined = joinedService(env);
    expect(joined).toMatchObject({ url: 'http://10.0.0.5:3001', env: { PIXVAULT_IMAGE_BACKEND: 'embedded' } });
    const config = appEnv({ ...env, ...joined?.env });
    expect(config.backend).toBe('embedded');
    expect(config.images).toMatchObject({
      apiBase: 'http://10.0.0.5:3001/client/v4',
      deliveryBase: 'http://10.0.0.5:3001',
      uploadOrigin: 'http://10.0.0.5:3001',
      accountHash: 'hash',
      signingKey: 'key',
    });
    // No webhook secret given: this instance does not accept the service's webhooks.
    expect(config.webhookSecret).toBeNull();
  });

  it("accepts the service's webhooks when given its webhook secret", () => {
    const env: Env = {
      ...shared,
      IMAGE_SERVICE_URL: 'http://10.0.0.5:3001',
      IMAGE_SERVICE_WEBHOOK_SECRET: 'hook-secret',
    };
    const joined = joinedService(env);
    expect(appEnv({ ...env, ...joined?.env, PIXVAULT_DATA_DIR: freshDataDir() }).webhookSecret).toBe('hook-secret');
  });

  it('the users CLI beside a joined service generates nothing either', () => {
    const dataDir = path.join(freshDataDir(), 'data');
    const env: Env = { ...shared, IMAGE_SERVICE_URL: 'http://10.0.0.5:3001', PIXVAULT_DATA_DIR: dataDir };
    completeLocalEnv(env);
    expect(appEnv(env).images.apiBase).toBe('http://10.0.0.5:3001/client/v4');
    expect(appEnv(env).authSecret).toBe(shared.AUTH_SECRET);
    expect(existsSync(dataDir)).toBe(false);
    expect(() => completeLocalEnv({ IMAGE_SERVICE_URL: 'http://10.0.0.5:3001', PIXVAULT_DATA_DIR: dataDir })).toThrow(
      /^IMAGE_SERVICE_URL is set/,
    );
    expect(existsSync(dataDir)).toBe(false);
  });

  it('refuses IMAGE_SERVICE_URL together with PIXVAULT_IMAGE_BACKEND=cloudflare', () => {
    expect(() =>
      joinedService({ ...shared, IMAGE_SERVICE_URL: 'http://10.0.0.5:3001', PIXVAULT_IMAGE_BACKEND: 'cloudflare' }),
    ).toThrow(/IMAGE_SERVICE_URL names an embedded image service/);
  });
});

describe('the check at start', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService();
  });
  afterAll(() => t.stop());

  const joining = (over: Partial<typeof shared> = {}) => {
    const joined = joinedService({
      IMAGE_SERVICE_URL: t.svc.url,
      ...shared,
      CLOUDFLARE_ACCOUNT_ID: t.config.accountId,
      CLOUDFLARE_ACCOUNT_HASH: t.config.accountHash,
      CLOUDFLARE_API_TOKEN: t.config.apiToken,
      CLOUDFLARE_IMAGES_SIGNING_KEY: t.config.signingKey,
      ...over,
    });
    if (!joined) throw new Error('expected to join');
    return joined;
  };

  it('passes with the service’s own account, token and signing key', async () => {
    expect(await joinProblem(joining())).toBeNull();
  });

  it('names a wrong token', async () => {
    expect(await joinProblem(joining({ CLOUDFLARE_API_TOKEN: 'wrong' }))).toBe(
      `The image service at ${t.svc.url} refused CLOUDFLARE_API_TOKEN for CLOUDFLARE_ACCOUNT_ID=${t.config.accountId} (403): use the values of the service being joined.`,
    );
  });

  it('names a signing key the service does not hold', async () => {
    expect(await joinProblem(joining({ CLOUDFLARE_IMAGES_SIGNING_KEY: 'not-its-key' }))).toBe(
      `CLOUDFLARE_IMAGES_SIGNING_KEY is not a signing key of the image service at ${t.svc.url}: it would refuse every signed URL. Use the service's value.`,
    );
  });

  it('names a service nobody listens for', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const joined = joinedService({ ...shared, IMAGE_SERVICE_URL: url });
    expect(joined && (await joinProblem(joined))).toBe(
      `Cannot reach the image service at ${url} (IMAGE_SERVICE_URL): ECONNREFUSED. Start it first (npm run image-service, or npm start on its machine), or correct the URL.`,
    );
  });
});

describe('npm start with IMAGE_SERVICE_URL', () => {
  function launch(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const base = { ...process.env };
    for (const name of Object.keys(shared)) delete base[name];
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      env: { ...base, HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  }

  it('refuses in one line without the shared settings, and generates none', async () => {
    const dataDir = freshDataDir();
    const run = await launch({
      PORT: String(await closedPort()),
      PIXVAULT_DATA_DIR: dataDir,
      IMAGE_SERVICE_URL: 'http://127.0.0.1:9',
      CLOUDFLARE_ACCOUNT_ID: 'acc',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^IMAGE_SERVICE_URL is set, .* set CLOUDFLARE_ACCOUNT_HASH, .*AUTH_SECRET to their values[^\n]*\n$/,
    );
    expect(run.stdout).toBe('');
    expect(existsSync(path.join(dataDir, 'app', 'auth-secret'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'image-service'))).toBe(false);
  });

  it('refuses in one line when the service cannot be reached', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const run = await launch({
      ...shared,
      PORT: String(await closedPort()),
      PIXVAULT_DATA_DIR: freshDataDir(),
      IMAGE_SERVICE_URL: url,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `Cannot reach the image service at ${url} (IMAGE_SERVICE_URL): ECONNREFUSED. Start it first (npm run image-service, or npm start on its machine), or correct the URL.\n`,
    );
    expect(run.stdout).not.toContain('Pixvault on');
  });
});
