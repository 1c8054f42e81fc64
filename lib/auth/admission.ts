/**
 * Who may sign in with GitHub. By default only people an admin already added (a user row with the
 * GitHub account's verified email) or invited (a pending invite for that email, which they then
 * accept with the invite's role); a deployment may also admit, as new viewers, verified emails of
 * listed domains and members of listed GitHub organisations. Pure rules: the caller supplies the
 * lookups, so tests need no network and no database.
 */

export interface AdmissionPolicy {
  /** Lower-case domains, exact match of the part after `@` (a subdomain is another domain). */
  allowedEmailDomains: readonly string[];
  /** GitHub organisation logins; membership must be active. */
  allowedGitHubOrgs: readonly string[];
}

export type RefusalReason = 'no_verified_email' | 'disabled' | 'not_allowed';

export type Admission =
  | { admit: true; userId: string }
  | { admit: true; userId: null; via: 'invite' | 'email_domain' | 'github_org' }
  | { admit: false; reason: RefusalReason };

export interface AdmissionInput {
  /** The GitHub account's verified primary email, or null when it has none. */
  email: string | null;
  /** The user row with that email, if any. */
  existing: { id: string; disabled_at: number | null } | undefined;
  /** Whether a pending invite names that email (optional: absent counts as none). */
  invited?: boolean;
  policy: AdmissionPolicy;
  isOrgMember: (org: string) => Promise<boolean>;
}

function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

export async function decideAdmission({
  email,
  existing,
  invited,
  policy,
  isOrgMember,
}: AdmissionInput): Promise<Admission> {
  if (!email) return { admit: false, reason: 'no_verified_email' };
  if (existing) return existing.disabled_at === null ? { admit: true, userId: existing.id } : refuse('disabled');
  if (invited) return { admit: true, userId: null, via: 'invite' };
  if (policy.allowedEmailDomains.includes(domainOf(email))) return { admit: true, userId: null, via: 'email_domain' };
  for (const org of policy.allowedGitHubOrgs) {
    if (await isOrgMember(org)) return { admit: true, userId: null, via: 'github_org' };
  }
  return refuse('not_allowed');
}

function refuse(reason: RefusalReason): Admission {
  return { admit: false, reason };
}

/** The `?error=` code the sign-in page turns into words. */
export const REFUSAL_ERROR_CODE: Record<RefusalReason, string> = {
  no_verified_email: 'GitHubEmailNotVerified',
  disabled: 'AccountDisabled',
  not_allowed: 'GitHubNotAllowed',
};
