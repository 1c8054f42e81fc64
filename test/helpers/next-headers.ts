/**
 * Stands in for `next/headers` in unit tests of server actions, which run outside a Next request:
 * the request headers are the ones the test sets, and cookies the action sets (Auth.js's signIn and
 * signOut do) are kept for the test to read.
 *   vi.mock('next/headers', () => import('@/test/helpers/next-headers'));
 */
let request = new Headers();
const jar = new Map<string, string>();

/** The headers of the "request" the next action runs in; also empties the cookie jar. */
export function setRequestHeaders(init: HeadersInit): void {
  request = new Headers(init);
  jar.clear();
}

/** Cookies set (value non-empty) or cleared (empty) by the action since the last setRequestHeaders. */
export function cookiesSet(): ReadonlyMap<string, string> {
  return jar;
}

export async function headers(): Promise<Headers> {
  return new Headers(request);
}

function requestCookie(name: string): string | undefined {
  for (const pair of (request.get('cookie') ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}

export async function cookies() {
  const read = (name: string) => (jar.has(name) ? jar.get(name) : requestCookie(name));
  return {
    get: (name: string) => {
      const value = read(name);
      return value === undefined ? undefined : { name, value };
    },
    has: (name: string) => read(name) !== undefined,
    set: (name: string, value: string) => {
      jar.set(name, value);
    },
    delete: (name: string) => {
      jar.set(name, '');
    },
  };
}
