/**
 * Sliding renewal of the session cookie. Auth.js re-issues its JWT cookie only when its own session
 * endpoint answers, which this app never calls from the browser, and `auth()` in server components
 * cannot set cookies; so the request proxy re-issues a cookie issued more than a day ago with a
 * fresh 7-day expiry. It only re-wraps what is there: whether the session still lives is decided on
 * every request against the server-side record (session-store.ts), so renewing a cookie of an ended
 * session gives nothing back.
 */
import { decode, encode } from 'next-auth/jwt';
import { SESSION_MAX_AGE_SECONDS, SESSION_UPDATE_AGE_SECONDS } from './session-lifetime';

/** Auth.js's cookie names (the `__Secure-` one on https); the name is also the key-derivation salt. */
const SESSION_COOKIES = ['__Secure-authjs.session-token', 'authjs.session-token'] as const;

export interface SessionCookie {
  name: string;
  value: string;
  options: { httpOnly: true; sameSite: 'lax'; path: '/'; secure: boolean; expires: Date };
}

/** The re-issued cookie, or null when there is none, it is not ours, or it is less than a day old. */
export async function renewedSessionCookie(
  read: (name: string) => string | undefined,
  secret: string,
  now = Date.now(),
): Promise<SessionCookie | null> {
  for (const name of SESSION_COOKIES) {
    const value = read(name);
    if (!value) continue;
    const token = await decode({ token: value, secret, salt: name }).catch(() => null);
    if (!token || typeof token.iat !== 'number') return null;
    if (now / 1000 - token.iat < SESSION_UPDATE_AGE_SECONDS) return null;
    return {
      name,
      value: await encode({ token, secret, salt: name, maxAge: SESSION_MAX_AGE_SECONDS }),
      options: {
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
        secure: name.startsWith('__Secure-'),
        expires: new Date(now + SESSION_MAX_AGE_SECONDS * 1000),
      },
    };
  }
  return null;
}
