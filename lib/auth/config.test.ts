import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appEnv } from '@/lib/env';
import { buildConfig } from './config';

const base = {
  PIXVAULT_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'pixvault-auth-')),
  PIXVAULT_IMAGE_BACKEND: 'cloudflare',
  CLOUDFLARE_ACCOUNT_ID: 'a',
  CLOUDFLARE_ACCOUNT_HASH: 'h',
  CLOUDFLARE_API_TOKEN: 't',
  CLOUDFLARE_IMAGES_SIGNING_KEY: 'k',
  AUTH_SECRET: 's'.repeat(32),
};
const providerIds = (env: Record<string, string>) =>
  (buildConfig(appEnv(env)).providers ?? []).map((p) => (typeof p === 'function' ? p() : p).id);

describe('Auth.js configuration', () => {
  it('offers email + password always, GitHub only when both of its keys are set', () => {
    expect(providerIds(base)).toEqual(['credentials']);
    expect(providerIds({ ...base, AUTH_GITHUB_ID: 'id' })).toEqual(['credentials']);
    expect(providerIds({ ...base, AUTH_GITHUB_ID: 'id', AUTH_GITHUB_SECRET: 'secret' })).toEqual([
      'credentials',
      'github',
    ]);
  });

  it('uses JWT sessions, trusts the host and signs with the configured secret', () => {
    const config = buildConfig(appEnv(base));
    expect(config.session?.strategy).toBe('jwt');
    expect(config.trustHost).toBe(true);
    expect(config.secret).toBe(base.AUTH_SECRET);
  });

  it('generates and keeps an AUTH_SECRET when none is configured', () => {
    const { AUTH_SECRET: _unused, ...withoutSecret } = base;
    const first = appEnv(withoutSecret).authSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(appEnv(withoutSecret).authSecret).toBe(first);
  });
});
