/**
 * Cloudflare Images signed URLs, one implementation for both sides of the boundary:
 * the app signs delivery URLs, the embedded image service verifies them.
 *
 * Algorithm (Cloudflare's, "Serve private images"):
 *   sig = hex(HMAC-SHA256(utf8(key), pathname + "?" + query-without-sig)), `exp` in the query.
 * Verification never throws: bad input is simply "not valid".
 */
import { createHmac } from 'node:crypto';
import { secretsEqual } from './secrets';

/** The exact string Cloudflare signs: the pathname and the query in order, without `sig`. */
export function stringToSign(url: URL): string {
  const params = new URLSearchParams(url.search);
  params.delete('sig');
  return `${url.pathname}?${params.toString()}`;
}

export function hmacHex(key: string, message: string): string {
  return createHmac('sha256', key).update(message).digest('hex');
}

/**
 * Adds `exp` (unix seconds) and `sig` to a delivery URL. Any existing `exp`/`sig` is replaced.
 */
export function signUrl(input: string | URL, key: string, expiresAt: number): string {
  const url = new URL(input);
  url.searchParams.delete('sig');
  url.searchParams.set('exp', String(Math.floor(expiresAt)));
  url.searchParams.set('sig', hmacHex(key, stringToSign(url)));
  return url.toString();
}

export type SignatureCheck =
  | { ok: true; exp: number | null }
  | { ok: false; reason: 'missing' | 'malformed' | 'mismatch' | 'expired' };

/**
 * Verifies `sig` against every key (rotation: any current key may have signed) and then `exp`.
 * `pathname` is the request path as received (still percent-encoded), without any
 * `/cdn-cgi/imagedelivery` prefix; `rawQuery` is the query string without the leading `?`.
 */
export function verifySignature(
  pathname: string,
  rawQuery: string,
  keys: readonly string[],
  nowSeconds: number,
): SignatureCheck {
  const params = new URLSearchParams(rawQuery);
  const sig = params.get('sig');
  if (sig === null) return { ok: false, reason: 'missing' };
  if (!/^[0-9a-f]{64}$/i.test(sig) || params.getAll('sig').length !== 1) return { ok: false, reason: 'malformed' };
  const expRaw = params.get('exp');
  if (expRaw !== null && !/^\d{1,12}$/.test(expRaw)) return { ok: false, reason: 'malformed' };
  params.delete('sig');
  const rest = params.toString();
  // Without `exp` it is unclear whether Cloudflare signs "path" or "path?"; accept both.
  const messages = rest === '' ? [`${pathname}?`, pathname] : [`${pathname}?${rest}`];
  const wanted = sig.toLowerCase();
  let matched = false;
  for (const key of keys) {
    for (const message of messages) {
      // No early exit: the time taken must not tell which key or form matched.
      if (secretsEqual(hmacHex(key, message), wanted)) matched = true;
    }
  }
  if (!matched) return { ok: false, reason: 'mismatch' };
  if (expRaw === null) return { ok: true, exp: null };
  const exp = Number(expRaw);
  if (exp <= nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, exp };
}
