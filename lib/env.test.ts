import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appEnv, readServiceEnv } from './env';

/** A data folder that does not exist yet: reading configuration must not create it. */
const freshDataDir = () => path.join(mkdtempSync(path.join(tmpdir(), 'pixvault-env-')), 'data');

const embeddedAccount = {
  PIXVAULT_IMAGE_BACKEND: 'embedded',
  IMAGE_SERVICE_PUBLIC_URL: 'http://127.0.0.1:4001',
  CLOUDFLARE_ACCOUNT_ID: 'acc',
  CLOUDFLARE_ACCOUNT_HASH: 'hash',
  CLOUDFLARE_API_TOKEN: 'token',
  CLOUDFLARE_IMAGES_SIGNING_KEY: 'key',
  AUTH_SECRET: 'x'.repeat(32),
};

describe('configuration', () => {
  it('points the app at the embedded service from the variables start-up passes, and writes nothing', () => {
    const dataDir = freshDataDir();
    const env = appEnv({ ...embeddedAccount, PIXVAULT_DATA_DIR: dataDir });
    expect(env.backend).toBe('embedded');
    expect(env.images).toEqual({
      apiBase: 'http://127.0.0.1:4001/client/v4',
      deliveryBase: 'http://127.0.0.1:4001',
      uploadOrigin: 'http://127.0.0.1:4001',
      accountId: 'acc',
      accountHash: 'hash',
      apiToken: 'token',
      signingKey: 'key',
    });
    expect(existsSync(dataDir)).toBe(false);
  });

  it('takes the webhook secret of the embedded service only when it reports to a webhook', () => {
    const base = { ...embeddedAccount, PIXVAULT_DATA_DIR: freshDataDir(), IMAGE_SERVICE_WEBHOOK_SECRET: 'hook' };
    expect(appEnv(base).webhookSecret).toBeNull();
    expect(
      appEnv({ ...base, IMAGE_SERVICE_WEBHOOK_URL: 'http://127.0.0.1:3000/api/webhooks/images' }).webhookSecret,
    ).toBe('hook');
  });

  it('says what is missing, and how it is normally made, instead of generating secrets itself', () => {
    const dataDir = freshDataDir();
    const { AUTH_SECRET: _secret, ...noSecret } = embeddedAccount;
    expect(() => appEnv({ ...noSecret, PIXVAULT_DATA_DIR: dataDir })).toThrow(/AUTH_SECRET is not set.*npm start/);
    const { CLOUDFLARE_API_TOKEN: _token, ...noToken } = embeddedAccount;
    expect(() => appEnv({ ...noToken, PIXVAULT_DATA_DIR: dataDir })).toThrow(/embedded image service.*npm start/);
    expect(existsSync(dataDir)).toBe(false);
  });

  it("reads the image service's settings without touching its data folder", () => {
    const dataDir = freshDataDir();
    const { port, host, settings } = readServiceEnv({ IMAGE_SERVICE_DATA_DIR: dataDir, IMAGE_SERVICE_PORT: '4001' });
    expect({ port, host }).toEqual({ port: 4001, host: '127.0.0.1' });
    expect(settings).toMatchObject({
      dataDir,
      publicUrl: 'http://127.0.0.1:4001',
      credentials: {},
      webhookUrl: null,
      eagerVariants: true,
      keepLocation: false,
    });
    expect(existsSync(dataDir)).toBe(false);
  });
});
