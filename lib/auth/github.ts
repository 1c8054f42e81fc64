/**
 * GitHub sign-in links to a Pixvault account by email, so the email must be one GitHub has verified:
 * the profile's email (and Auth.js's choice among the user's addresses) may be unverified, and anyone
 * can add an unverified address to a GitHub account.
 */
import { z } from 'zod';

const emailsSchema = z.array(z.object({ email: z.string(), primary: z.boolean(), verified: z.boolean() }));

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
