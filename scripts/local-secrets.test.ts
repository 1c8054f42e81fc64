import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appEnv, type Env } from '@/lib/env';
import { completeLocalEnv, localAuthSecret } from './local-secrets';

const freshDataDir = () => mkdtempSync(path.join(tmpdir(), 'pixvault-local-'));
const mode = (file: string) => statSync(file).mode & 0o777;

describe('local secrets at start-up', () => {
  it('generates AUTH_SECRET once, keeps it private, and lets a configured one win', () => {
    const dataDir = freshDataDir();
    const first = localAuthSecret({ PIXVAULT_DATA_DIR: dataDir });
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(localAuthSecret({ PIXVAULT_DATA_DIR: dataDir })).toBe(first);
    expect(mode(path.join(dataDir, 'app', 'auth-secret'))).toBe(0o600);
    expect(localAuthSecret({ PIXVAULT_DATA_DIR: dataDir, AUTH_SECRET: 'c'.repeat(32) })).toBe('c'.repeat(32));
  });

  it("completes a fresh clone's environment so the app's configuration reads, with the same account every time", () => {
    const dataDir = freshDataDir();
    const env: Env = { PIXVAULT_DATA_DIR: dataDir, IMAGE_SERVICE_PORT: '4101' };
    completeLocalEnv(env);
    const config = appEnv(env);
    expect(config.backend).toBe('embedded');
    expect(config.images.apiBase).toBe('http://127.0.0.1:4101/client/v4');
    const file = path.join(dataDir, 'image-service', 'credentials.json');
    expect(mode(file)).toBe(0o600);
    const kept = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    expect(config.images).toMatchObject({ accountId: kept.accountId, signingKey: kept.signingKey });

    const again: Env = { PIXVAULT_DATA_DIR: dataDir, IMAGE_SERVICE_PORT: '4101' };
    completeLocalEnv(again);
    expect(appEnv(again)).toEqual(config);
  });

  it('leaves a real Cloudflare account alone', () => {
    const env: Env = {
      PIXVAULT_DATA_DIR: freshDataDir(),
      CLOUDFLARE_ACCOUNT_ID: 'a',
      CLOUDFLARE_ACCOUNT_HASH: 'h',
      CLOUDFLARE_API_TOKEN: 't',
      CLOUDFLARE_IMAGES_SIGNING_KEY: 'k',
    };
    completeLocalEnv(env);
    expect(appEnv(env).backend).toBe('cloudflare');
    expect(appEnv(env).images.apiBase).toBe('https://api.cloudflare.com/client/v4');
  });
});
