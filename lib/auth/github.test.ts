import { describe, expect, it } from 'vitest';
import { isActiveOrgMember, verifiedGitHubEmail } from './github';

const answer =
  (status: number, body: unknown): typeof fetch =>
  async () =>
    new Response(JSON.stringify(body), { status });

describe('verifiedGitHubEmail', () => {
  it('returns the primary email only when GitHub verified it', async () => {
    const emails = [
      { email: 'Someone@Example.com', primary: true, verified: true },
      { email: 'other@example.com', primary: false, verified: true },
    ];
    expect(await verifiedGitHubEmail('token', answer(200, emails))).toBe('someone@example.com');
  });

  it('refuses an unverified primary address, even if another one is verified', async () => {
    const emails = [
      { email: 'admin@victim.example', primary: true, verified: false },
      { email: 'attacker@example.com', primary: false, verified: true },
    ];
    expect(await verifiedGitHubEmail('token', answer(200, emails))).toBeNull();
  });

  it('refuses when the API fails, answers garbage, or there is no token', async () => {
    expect(await verifiedGitHubEmail('token', answer(401, { message: 'Bad credentials' }))).toBeNull();
    expect(await verifiedGitHubEmail('token', answer(200, { not: 'a list' }))).toBeNull();
    expect(await verifiedGitHubEmail(undefined, answer(200, []))).toBeNull();
    expect(await verifiedGitHubEmail('token', async () => Promise.reject(new Error('offline')))).toBeNull();
  });
});

describe('isActiveOrgMember', () => {
  it('is true only for an active membership', async () => {
    let asked = '';
    const spy: typeof fetch = async (url) => {
      asked = String(url);
      return new Response(JSON.stringify({ state: 'active', role: 'member' }), { status: 200 });
    };
    expect(await isActiveOrgMember('token', 'acme', spy)).toBe(true);
    expect(asked).toBe('https://api.github.com/user/memberships/orgs/acme');
    expect(await isActiveOrgMember('token', 'acme', answer(200, { state: 'pending' }))).toBe(false);
  });

  it('is false when GitHub says no, restricts the app, fails, or there is no token', async () => {
    expect(await isActiveOrgMember('token', 'acme', answer(404, { message: 'Not Found' }))).toBe(false);
    expect(await isActiveOrgMember('token', 'acme', answer(403, { message: 'restricted' }))).toBe(false);
    expect(await isActiveOrgMember('token', 'acme', async () => Promise.reject(new Error('offline')))).toBe(false);
    expect(await isActiveOrgMember(undefined, 'acme', answer(200, { state: 'active' }))).toBe(false);
  });
});
