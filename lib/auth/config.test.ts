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

  it('asks GitHub for organisation membership only when organisations decide admission', () => {
    const scopeOf = (env: Record<string, string>) => {
      const gitHub = (buildConfig(appEnv(env)).providers ?? []).find(
        (p) => typeof p !== 'function' && p.id === 'github',
      );
      const options = gitHub && typeof gitHub !== 'function' ? (gitHub as { options?: unknown }).options : undefined;
      return (options as { authorization?: { params?: { scope?: string } } } | undefined)?.authorization?.params?.scope;
    };
    const withGitHub = { ...base, AUTH_GITHUB_ID: 'id', AUTH_GITHUB_SECRET: 'secret' };
    expect(scopeOf(withGitHub)).toBe('read:user user:email');
    expect(scopeOf({ ...withGitHub, PIXVAULT_ALLOWED_GITHUB_ORGS: 'acme' })).toBe('read:user user:email read:org');
  });

  it('reads the access settings, and refuses ones that cannot mean anything', () => {
    const { access } = appEnv({
      ...base,
      PIXVAULT_TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8',
      PIXVAULT_ALLOWED_EMAIL_DOMAINS: '@Example.com,team.example',
      PIXVAULT_ALLOWED_GITHUB_ORGS: 'acme',
    });
    expect(access).toEqual({
      trustedProxies: ['127.0.0.1', '10.0.0.0/8'],
      signInFailuresPerSecond: 10,
      allowedEmailDomains: ['example.com', 'team.example'],
      allowedGitHubOrgs: ['acme'],
    });
    expect(appEnv(base).access.trustedProxies).toEqual([]);
    expect(() => appEnv({ ...base, PIXVAULT_TRUSTED_PROXIES: 'proxy.local' })).toThrow(/PIXVAULT_TRUSTED_PROXIES/);
    expect(() => appEnv({ ...base, PIXVAULT_ALLOWED_EMAIL_DOMAINS: 'not a domain' })).toThrow(/DOMAINS/);
  });

  it('uses 7-day JWT sessions, trusts the host and signs with the configured secret', () => {
    const config = buildConfig(appEnv(base));
    expect(config.session).toMatchObject({ strategy: 'jwt', maxAge: 7 * 24 * 3600, updateAge: 24 * 3600 });
    expect(config.trustHost).toBe(true);
    expect(config.secret).toBe(base.AUTH_SECRET);
  });

  it('refuses to run without an AUTH_SECRET (start-up generates one for local runs)', () => {
    const { AUTH_SECRET: _unused, ...withoutSecret } = base;
    expect(() => appEnv(withoutSecret)).toThrow(/AUTH_SECRET/);
  });
});
