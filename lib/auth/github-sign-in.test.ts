import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.stubEnv('PIXVAULT_DATA_DIR', mkdtempSync(path.join(tmpdir(), 'pixvault-github-')));
vi.stubEnv('PIXVAULT_IMAGE_BACKEND', 'cloudflare');
vi.stubEnv('CLOUDFLARE_ACCOUNT_ID', 'acc');
vi.stubEnv('CLOUDFLARE_ACCOUNT_HASH', 'HASH');
vi.stubEnv('CLOUDFLARE_API_TOKEN', 'token');
vi.stubEnv('CLOUDFLARE_IMAGES_SIGNING_KEY', 'signing-key');
vi.stubEnv('AUTH_SECRET', 'x'.repeat(32));

const { admitGitHubSignIn, gitHubUserId } = await import('./github-sign-in');
const { getDb } = await import('@/lib/db/index');
const { createUser, findUserByEmail, setUserDisabled } = await import('@/lib/db/users');

/** GitHub's API as seen with one person's token: their verified email and their organisations. */
function gitHub(email: string, orgs: string[] = []): typeof fetch {
  return async (input) => {
    const url = String(input);
    if (url.endsWith('/user/emails')) return Response.json([{ email, primary: true, verified: true }]);
    const org = url.match(/\/user\/memberships\/orgs\/([^/]+)$/)?.[1];
    if (org && orgs.includes(org)) return Response.json({ state: 'active', role: 'member' });
    return Response.json({ message: 'Not Found' }, { status: 404 });
  };
}

const closed = { allowedEmailDomains: [], allowedGitHubOrgs: [] };
const signIn = { accessToken: 'gho_token', login: 'octocat', name: 'Octo Cat' };
const auditOf = async (action: string) =>
  (await getDb())
    .selectFrom('audit_log')
    .select(['actor_id', 'target', 'detail'])
    .where('action', '=', action)
    .orderBy('id')
    .execute();

describe('GitHub sign-in', () => {
  it('refuses a stranger by default, audits it, and creates nobody', async () => {
    const result = await admitGitHubSignIn(signIn, closed, gitHub('stranger@example.net'));
    expect(result).toBe('/sign-in?error=GitHubNotAllowed');
    expect(await findUserByEmail('stranger@example.net')).toBeUndefined();
    expect((await auditOf('auth.github_refused')).at(-1)).toEqual({
      actor_id: null,
      target: 'stranger@example.net',
      detail: JSON.stringify({ login: 'octocat', reason: 'not_allowed' }),
    });
  });

  it('admits someone an admin added, and maps the token to that user', async () => {
    const added = await createUser({ email: 'added@example.net', passwordHash: null, role: 'uploader' });
    expect(await admitGitHubSignIn(signIn, closed, gitHub('added@example.net'))).toBe(true);
    expect(await gitHubUserId('gho_token', gitHub('added@example.net'))).toBe(added.id);
    expect(await gitHubUserId('gho_token', gitHub('stranger@example.net'))).toBeNull();
  });

  it('creates a viewer for an allowed domain or organisation, and audits how they got in', async () => {
    const policy = { allowedEmailDomains: ['team.example'], allowedGitHubOrgs: ['acme'] };
    expect(await admitGitHubSignIn(signIn, policy, gitHub('new@team.example'))).toBe(true);
    expect(await admitGitHubSignIn(signIn, policy, gitHub('member@elsewhere.example', ['acme']))).toBe(true);
    expect(await admitGitHubSignIn(signIn, policy, gitHub('outsider@elsewhere.example', ['other']))).toBe(
      '/sign-in?error=GitHubNotAllowed',
    );
    expect((await findUserByEmail('new@team.example'))?.role).toBe('viewer');
    expect((await findUserByEmail('member@elsewhere.example'))?.role).toBe('viewer');
    expect((await auditOf('user.created')).map((a) => JSON.parse(a.detail ?? '{}').via)).toEqual([
      'email_domain',
      'github_org',
    ]);
  });

  it('refuses a disabled user, whatever the rules', async () => {
    const user = await createUser({ email: 'gone@team.example', passwordHash: null, role: 'viewer' });
    await setUserDisabled(user.id, true);
    const policy = { allowedEmailDomains: ['team.example'], allowedGitHubOrgs: [] };
    expect(await admitGitHubSignIn(signIn, policy, gitHub('gone@team.example'))).toBe('/sign-in?error=AccountDisabled');
    expect(await gitHubUserId('gho_token', gitHub('gone@team.example'))).toBeNull();
  });

  it('lets an invited email in with the invite’s role, and spends the invite', async () => {
    const { insertInvite, revokeInvite } = await import('@/lib/db/invites');
    const admin = await createUser({ email: 'inviter@team.example', passwordHash: null, role: 'admin' });
    await insertInvite({
      tokenHash: 'hash-invited',
      email: 'invited@elsewhere.example',
      role: 'uploader',
      createdBy: admin.id,
    });
    expect(await admitGitHubSignIn(signIn, closed, gitHub('invited@elsewhere.example'))).toBe(true);
    expect(await findUserByEmail('invited@elsewhere.example')).toMatchObject({ role: 'uploader', name: 'Octo Cat' });
    expect((await auditOf('invite.accepted')).at(-1)?.detail).toContain('"via":"github"');
    // A revoked invite admits nobody.
    const late = await insertInvite({
      tokenHash: 'hash-revoked',
      email: 'late@elsewhere.example',
      role: 'admin',
      createdBy: admin.id,
    });
    await revokeInvite(late.id);
    expect(await admitGitHubSignIn(signIn, closed, gitHub('late@elsewhere.example'))).toBe(
      '/sign-in?error=GitHubNotAllowed',
    );
    expect(await findUserByEmail('late@elsewhere.example')).toBeUndefined();
  });
});
