/**
 * Auth.js (next-auth v5): email + password (Argon2id) and, when configured, GitHub. The JWT cookie
 * names a server-side session record (session-store.ts) that is checked on every request, so
 * sign-out, "sign out everywhere", a password or role change, disabling and removal end sessions at
 * once. The role in the token only shapes the UI; server checks re-read the user (session.ts).
 */
import NextAuth, { type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import GitHub from 'next-auth/providers/github';
import { findActiveUserById, recordSignIn } from '@/lib/db/users';
import { type AppEnv, appEnv } from '@/lib/env';
import { parseCidr } from './client-address';
import { authorizeCredentials } from './credentials';
import { admitGitHubSignIn, gitHubUserId } from './github-sign-in';
import { authLogger } from './logger';
import { isRole, type Role } from './roles';
import { SESSION_MAX_AGE_SECONDS, SESSION_UPDATE_AGE_SECONDS } from './session-lifetime';
import { createSession, endSession, touchSession } from './session-store';
import { sharedSignInLimiter } from './shared-limiter';

declare module 'next-auth' {
  interface Session {
    user: { id: string; role: Role; email: string; name?: string | null };
  }
}

function gitHubProvider(env: AppEnv) {
  if (!env.github) return null;
  const { clientId, clientSecret } = env.github;
  // Organisation membership can only be read with `read:org`; ask for it only when it decides anything.
  const scope = `read:user user:email${env.access.allowedGitHubOrgs.length > 0 ? ' read:org' : ''}`;
  return GitHub({ clientId, clientSecret, authorization: { params: { scope } } });
}

/** Exported for tests: the configuration Auth.js gets for the current environment. */
export function buildConfig(env = appEnv()): NextAuthConfig {
  const providers: NextAuthConfig['providers'] = [
    Credentials({
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      authorize: authorizeCredentials({
        limiter: () => sharedSignInLimiter(env.access.signInFailuresPerSecond),
        trustedProxies: env.access.trustedProxies.map(parseCidr),
      }),
    }),
  ];
  const gitHub = gitHubProvider(env);
  if (gitHub) providers.push(gitHub);

  return {
    secret: env.authSecret,
    trustHost: true,
    // updateAge is Auth.js's setting for database sessions; here the same figures drive session-store.ts
    // and the cookie renewal in the request proxy (session-cookie.ts).
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS, updateAge: SESSION_UPDATE_AGE_SECONDS },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    logger: authLogger(),
    providers,
    callbacks: {
      async signIn({ account, user, profile }) {
        if (account?.provider !== 'github') return true;
        const login = typeof profile?.login === 'string' ? profile.login : null;
        return admitGitHubSignIn({ accessToken: account.access_token, login, name: user.name ?? null }, env.access);
      },
      async jwt({ token, user, account }) {
        if (user) {
          // Signing in: never the GitHub profile's id or email, only the account admission chose.
          const id = account?.provider === 'github' ? await gitHubUserId(account.access_token) : user.id;
          const row = id ? await findActiveUserById(id) : undefined;
          if (!row) throw new Error('Sign-in without an admitted, active account');
          await recordSignIn(row.id);
          return {
            ...token,
            sub: row.id,
            email: row.email,
            name: row.name,
            role: row.role,
            sid: await createSession(row.id),
          };
        }
        // Every later request: the session must still exist server-side (null ends it and clears the cookie).
        const { sid, sub } = token;
        if (typeof sid !== 'string' || typeof sub !== 'string' || !(await touchSession(sid, sub))) return null;
        return token;
      },
      session({ session, token }) {
        session.user.id = token.sub ?? '';
        session.user.role = isRole(token.role) ? token.role : 'viewer';
        return session;
      },
    },
    events: {
      async signOut(message) {
        const sid = 'token' in message ? message.token?.sid : undefined;
        if (typeof sid === 'string') await endSession(sid);
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => buildConfig());
