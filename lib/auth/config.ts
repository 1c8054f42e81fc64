/**
 * Auth.js (next-auth v5): email + password (Argon2id), GitHub when its keys are configured, JWT
 * sessions carrying the user id and role. The role in the token only shapes the UI; every server
 * check re-reads the user from the database (see session.ts), so a role change or removal is
 * effective on the next request.
 */
import { randomBytes } from 'node:crypto';
import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import GitHub from 'next-auth/providers/github';
import { z } from 'zod';
import { createUser, findUserByEmail } from '@/lib/db/users';
import { appEnv } from '@/lib/env';
import { RateLimiter } from '@/lib/rate-limit';
import { verifiedGitHubEmail } from './github';
import { hashPassword, verifyPassword } from './password';
import { isRole, type Role } from './roles';

declare module 'next-auth' {
  interface Session {
    user: { id: string; role: Role; email: string; name?: string | null };
  }
}

class TooManyAttempts extends CredentialsSignin {
  override code = 'rate_limited';
}

const credentialsSchema = z.object({ email: z.email().max(320), password: z.string().min(1).max(1024) });
// Ten tries per address per 5 minutes: slows guessing without locking anyone out for long.
const attempts = new RateLimiter(10, 5 * 60_000);
// A real hash to verify against when the email is unknown, so response time does not reveal accounts.
let dummyHash: Promise<string> | null = null;
const unknownUserHash = () => (dummyHash ??= hashPassword(randomBytes(16).toString('hex')));

/** Exported for tests: the configuration Auth.js gets for the current environment. */
export function buildConfig(env = appEnv()): NextAuthConfig {
  const providers: NextAuthConfig['providers'] = [
    Credentials({
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const email = parsed.data.email.toLowerCase();
        if (!attempts.take(email).ok) throw new TooManyAttempts();
        const user = findUserByEmail(email);
        const ok = await verifyPassword(user?.password_hash ?? (await unknownUserHash()), parsed.data.password);
        if (!user || !user.password_hash || !ok) return null;
        return { id: user.id, email: user.email, name: user.name, role: user.role };
      },
    }),
  ];
  if (env.github) providers.push(GitHub({ clientId: env.github.clientId, clientSecret: env.github.clientSecret }));

  return {
    secret: env.authSecret,
    trustHost: true,
    session: { strategy: 'jwt', maxAge: 30 * 24 * 3600 },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    providers,
    callbacks: {
      async signIn({ account, user }) {
        if (account?.provider !== 'github') return true;
        const email = await verifiedGitHubEmail(account.access_token);
        if (!email) return '/sign-in?error=GitHubEmailNotVerified';
        // A verified GitHub email joins the account with that email, or creates a viewer.
        if (!findUserByEmail(email)) createUser({ email, name: user.name ?? null, passwordHash: null, role: 'viewer' });
        return true;
      },
      async jwt({ token, user, account }) {
        if (!user) return token;
        if (account?.provider === 'github') {
          // Never the profile's email: only the verified one decides whose account this is.
          const email = await verifiedGitHubEmail(account.access_token);
          const row = email ? findUserByEmail(email) : undefined;
          if (!row) throw new Error('GitHub sign-in without a verified, known email');
          token.sub = row.id;
          token.role = row.role;
        } else {
          token.sub = user.id;
          token.role = (user as { role?: unknown }).role;
        }
        return token;
      },
      session({ session, token }) {
        session.user.id = token.sub ?? '';
        session.user.role = isRole(token.role) ? token.role : 'viewer';
        return session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => buildConfig());
