/**
 * Reading Next's interrupts: `redirect()`, `notFound()`, `forbidden()` and `unauthorized()` throw
 * errors whose `digest` tells the response Next will send.
 */
import type { PageOutcome } from './table';

/** The origin test requests are made on; app-local redirects are reported as paths. */
export const APP_ORIGIN = 'http://app.example';

/**
 * `/path?query` for a URL of the app at `appOrigin`; origin and path for anyone else's (their query
 * holds OAuth state and nonces).
 */
export function redirectTarget(location: string, appOrigin = APP_ORIGIN): string {
  const url = new URL(location, appOrigin);
  return url.origin === appOrigin ? `${url.pathname}${url.search}` : `${url.origin}${url.pathname}`;
}

/** The response a thrown Next interrupt stands for; null when `err` is not one. */
export function interruptOutcome(err: unknown): PageOutcome | null {
  const digest = typeof err === 'object' && err !== null && 'digest' in err ? err.digest : undefined;
  if (typeof digest !== 'string') return null;
  // NEXT_REDIRECT;<replace|push>;<url>;<status>;
  const parts = digest.split(';');
  if (parts[0] === 'NEXT_REDIRECT') return `redirect:${redirectTarget(parts.slice(2, -2).join(';'))}`;
  const status = /^NEXT_HTTP_ERROR_FALLBACK;(401|403|404)$/.exec(digest)?.[1];
  return status ? (Number(status) as 401 | 403 | 404) : null;
}
