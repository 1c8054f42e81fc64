import { describe, expect, it } from 'vitest';
import { type AdmissionInput, type AdmissionPolicy, decideAdmission } from './admission';

const closed: AdmissionPolicy = { allowedEmailDomains: [], allowedGitHubOrgs: [] };
const noOrgs = async () => false;

function input(overrides: Partial<AdmissionInput>): AdmissionInput {
  return { email: 'someone@example.com', existing: undefined, policy: closed, isOrgMember: noOrgs, ...overrides };
}

describe('GitHub admission', () => {
  it('by default admits only an email an admin already added', async () => {
    expect(await decideAdmission(input({ existing: { id: 'u1', disabled_at: null } }))).toEqual({
      admit: true,
      userId: 'u1',
    });
    expect(await decideAdmission(input({}))).toEqual({ admit: false, reason: 'not_allowed' });
  });

  it('refuses a disabled user and an account without a verified email', async () => {
    expect(await decideAdmission(input({ existing: { id: 'u1', disabled_at: 5 } }))).toEqual({
      admit: false,
      reason: 'disabled',
    });
    expect(await decideAdmission(input({ email: null, existing: { id: 'u1', disabled_at: null } }))).toEqual({
      admit: false,
      reason: 'no_verified_email',
    });
  });

  it('admits new people of an allowed email domain, exactly that domain', async () => {
    const policy = { ...closed, allowedEmailDomains: ['example.com'] };
    expect(await decideAdmission(input({ policy, email: 'new@Example.COM' }))).toEqual({
      admit: true,
      userId: null,
      via: 'email_domain',
    });
    for (const email of ['new@eng.example.com', 'new@notexample.com', 'example.com@evil.test']) {
      expect(await decideAdmission(input({ policy, email }))).toEqual({ admit: false, reason: 'not_allowed' });
    }
  });

  it('admits active members of an allowed organisation, asking only about allowed ones', async () => {
    const asked: string[] = [];
    const isOrgMember = async (org: string) => {
      asked.push(org);
      return org === 'acme';
    };
    const policy = { ...closed, allowedGitHubOrgs: ['other', 'acme'] };
    expect(await decideAdmission(input({ policy, isOrgMember }))).toEqual({
      admit: true,
      userId: null,
      via: 'github_org',
    });
    expect(asked).toEqual(['other', 'acme']);
    expect(await decideAdmission(input({ policy: { ...closed, allowedGitHubOrgs: ['other'] }, isOrgMember }))).toEqual({
      admit: false,
      reason: 'not_allowed',
    });
  });

  it('never lets a disabled user back in through a domain or organisation rule', async () => {
    const policy = { allowedEmailDomains: ['example.com'], allowedGitHubOrgs: ['acme'] };
    const decision = await decideAdmission(
      input({ policy, existing: { id: 'u1', disabled_at: 1 }, isOrgMember: async () => true }),
    );
    expect(decision).toEqual({ admit: false, reason: 'disabled' });
  });

  it('admits an invited email (to accept the invite), but never a disabled user who was invited', async () => {
    expect(await decideAdmission(input({ invited: true }))).toEqual({ admit: true, userId: null, via: 'invite' });
    expect(await decideAdmission(input({ invited: true, existing: { id: 'u1', disabled_at: 1 } }))).toEqual({
      admit: false,
      reason: 'disabled',
    });
    expect(await decideAdmission(input({ invited: true, email: null }))).toEqual({
      admit: false,
      reason: 'no_verified_email',
    });
  });
});
