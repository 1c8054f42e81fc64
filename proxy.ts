/**
 * Sets a per-request Content-Security-Policy with a nonce for Next's scripts; images may come only
 * from the configured delivery origin and uploads may go only to the configured upload origin.
 * Also re-issues a session cookie older than a day (sliding sessions; see lib/auth/session-cookie.ts).
 * Cross-site writes (server actions posted from another origin) are refused with 403. A revoked or
 * expired share link (`/s/<token>`) is answered here with 410, a status no page can set.
 * Authorization is not decided here: every page, route and action checks on its own.
 */
import { type NextRequest, NextResponse } from 'next/server';
import { isCrossSiteWrite } from '@/lib/api/same-origin';
import { renewedSessionCookie } from '@/lib/auth/session-cookie';
import { appEnv, isDevelopment } from '@/lib/env';
import { shareGoneResponse } from '@/lib/sharing/gone-response';

function policy(nonce: string, dev: boolean): string {
  const { images } = appEnv();
  const delivery = new URL(images.deliveryBase).origin;
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // React renders `style` attributes (aspect ratios, placeholders); no user input reaches CSS.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${delivery}`,
    `connect-src 'self' ${images.uploadOrigin}${dev ? ' ws:' : ''}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export async function proxy(request: NextRequest) {
  // Next answers a server action from a foreign or `null` origin with a 500; refuse it plainly first.
  if (isCrossSiteWrite(request)) {
    return new NextResponse('Cross-site requests are not allowed.', {
      status: 403,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = policy(nonce, isDevelopment());
  const gone = await shareGoneResponse(request.method, request.nextUrl.pathname, csp);
  if (gone) return gone;
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', csp);
  const renewed = await renewedSessionCookie((name) => request.cookies.get(name)?.value, appEnv().authSecret);
  if (renewed) response.cookies.set(renewed.name, renewed.value, renewed.options);
  return response;
}

export const config = {
  matcher: [
    {
      source: '/((?!api|_next/static|_next/image|favicon.ico).*)',
      missing: [{ type: 'header', key: 'next-router-prefetch' }],
    },
  ],
};
