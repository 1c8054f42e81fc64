/**
 * The GitHub half of sign-in: admission (admission.ts) with the lookups filled in, the refusal
 * audited and sent to a page that says why, invited newcomers created by their invite (its role),
 * and other admitted newcomers created as viewers.
 */
import { audit } from '@/lib/db/audit';
import { pendingInviteFor } from '@/lib/db/invites';
import { createUser, DuplicateEmailError, findUserByEmail } from '@/lib/db/users';
import { type AdmissionPolicy, decideAdmission, REFUSAL_ERROR_CODE, type RefusalReason } from './admission';
import { isActiveOrgMember, verifiedGitHubEmail } from './github';
import { acceptInviteWithGitHub } from './invites';

export interface GitHubSignIn {
  accessToken: string | undefined;
  /** The GitHub login, for the audit log only (it decides nothing). */
  login: string | null;
  name: string | null;
}

/** Auth.js `signIn` callback result: true to go on, or the page to send a refused person to. */
export async function admitGitHubSignIn(
  input: GitHubSignIn,
  policy: AdmissionPolicy,
  fetchImpl: typeof fetch = fetch,
): Promise<true | string> {
  const email = await verifiedGitHubEmail(input.accessToken, fetchImpl);
  const decision = await decideAdmission({
    email,
    existing: email ? await findUserByEmail(email) : undefined,
    invited: email ? (await pendingInviteFor(email)) !== undefined : false,
    policy,
    isOrgMember: (org) => isActiveOrgMember(input.accessToken, org, fetchImpl),
  });
  const refuse = async (reason: RefusalReason) => {
    await audit(null, 'auth.github_refused', email, { login: input.login, reason });
    return `/sign-in?error=${REFUSAL_ERROR_CODE[reason]}`;
  };
  if (!decision.admit) return refuse(decision.reason);
  if (decision.userId === null && decision.via === 'invite' && email) {
    // Revoked, expired or used through its link since the look-up: in only if that made the account.
    const accepted = await acceptInviteWithGitHub(email, { name: input.name, login: input.login });
    if (!accepted && !(await findUserByEmail(email))) return refuse('not_allowed');
  } else if (decision.userId === null && email) {
    try {
      const user = await createUser({ email, name: input.name, passwordHash: null, role: 'viewer' });
      await audit(null, 'user.created', user.id, { role: 'viewer', via: decision.via, github: input.login });
    } catch (err) {
      // Two sign-ins racing to create the same person: the other one did.
      if (!(err instanceof DuplicateEmailError)) throw err;
    }
  }
  return true;
}

/**
 * The Pixvault user a GitHub token stands for, by its verified email (asked again rather than
 * carried over from the `signIn` callback, whose objects Auth.js does not promise to pass on).
 */
export async function gitHubUserId(accessToken: string | undefined, fetchImpl: typeof fetch = fetch) {
  const email = await verifiedGitHubEmail(accessToken, fetchImpl);
  const account = email ? await findUserByEmail(email) : undefined;
  return account && account.disabled_at === null ? account.id : null;
}
