/**
 * The same-origin rule for state-changing requests, with no imports so the request proxy can use it
 * as well as the route wrapper (Next's own check on server actions answers a mismatch with a 500).
 */

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/**
 * True for a state-changing request sent by a page of another site, which would carry the user's
 * cookies (on top of SameSite=Lax session cookies). A request without `Origin` comes from a
 * non-browser client and carries no ambient cookies worth protecting; an `Origin` that is not a URL
 * (`null` from sandboxed frames, `file:` pages and some redirects) is never our own page.
 */
export function isCrossSiteWrite(req: Pick<Request, 'method' | 'headers'>): boolean {
  if (SAFE_METHODS.has(req.method)) return false;
  const origin = req.headers.get('origin');
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  if (!origin || !host) return false;
  return !URL.canParse(origin) || new URL(origin).host !== host;
}
