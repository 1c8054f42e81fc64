/**
 * GitHub sign-in links to a Pixvault account by email, so the email must be one GitHub has verified:
 * the profile's email (and Auth.js's choice among the user's addresses) may be unverified, and anyone
 * can add an unverified address to a GitHub account.
 */
import { z } from 'zod';

const emailsSchema = z.array(z.object({ email: z.string(), primary: z.boolean(), verified: z.boolean() }));
const membershipSchema = z.object({ state: z.string() });

/** The user's primary email if GitHub has verified it, else null. Needs the `user:email` scope. */
export async function verifiedGitHubEmail(
  accessToken: string | undefined,
  fetchImpl: typeof fetch = fetch,
): Promise<string | null> {
  if (!accessToken) return null;
  try {
    const res = await fetchImpl('https://api.github.com/user/emails', {
      headers: {
        authorization: `Bearer ${accessToken}`,
        accept: 'application/vnd.github+json',
        'user-agent': 'Pixvault',
      },
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) return null;
    const parsed = emailsSchema.safeParse(await res.json());
    const primary = parsed.success ? parsed.data.find((e) => e.primary && e.verified) : undefined;
    return primary ? primary.email.toLowerCase() : null;
  } catch {
    return null;
  }
}

/**
 * Whether the token's user is an active member of `org`. Needs the `read:org` scope; an organisation
 * that restricts OAuth apps answers 403 until it approves this one, which counts as "no".
 */
export async function isActiveOrgMember(
  accessToken: string | undefined,
  org: string,
  fetchImpl: typeof fetch = fetch,
): Promise<boolean> {
  if (!accessToken) return false;
  try {
    const res = await fetchImpl(`https://api.github.com/user/memberships/orgs/${encodeURIComponent(org)}`, {
      headers: {
        authorization: `Bearer ${accessToken}`,
        accept: 'application/vnd.github+json',
        'user-agent': 'Pixvault',
      },
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) return false;
    const parsed = membershipSchema.safeParse(await res.json());
    return parsed.success && parsed.data.state === 'active';
  } catch {
    return false;
  }
}
