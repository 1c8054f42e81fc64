/**
 * Response headers of delivery, built once per cached variant instead of once per request. A CPU
 * profile of the service under wrk showed the request's own JS (header objects, template strings,
 * promises) as the part of the cost that bare Node does not pay; the socket write (one writev of
 * headers and body, which Node's `end` corks) is the rest and is the same for both.
 *
 * Each list is a flat `[name, value, …]` array handed to `writeHead`, which copies it into the header
 * text at once: so the one slot that changes per request (Cache-Control) is overwritten in place, and
 * nothing is allocated for headers on a hit.
 */
import type { CachedVariant } from './memory-cache';

const SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

const COMMON = [
  'x-content-type-options',
  'nosniff',
  'access-control-allow-origin',
  '*',
  'cross-origin-resource-policy',
  'cross-origin',
];

/** What decides a response's header set besides the entry itself. */
export interface HeaderShape {
  /** `Accept` chose the format: `Vary: Accept`. */
  vary: boolean;
  /** An SVG served as it is: a CSP keeps it inert. */
  svg: boolean;
}

interface Prebuilt {
  /** 200: common, cache-control, etag, [vary], [csp], content-type, content-length. */
  ok: string[];
  /** 304: the same without content-type and content-length. */
  notModified: string[];
}

/** Index of the Cache-Control value in both lists. */
const CACHE_CONTROL_SLOT = COMMON.length + 1;

const built = new WeakMap<CachedVariant, Prebuilt[]>();

function build(entry: CachedVariant, shape: HeaderShape): Prebuilt {
  const notModified = [...COMMON, 'cache-control', '', 'etag', entry.etag];
  if (shape.vary) notModified.push('vary', 'Accept');
  if (shape.svg) notModified.push('content-security-policy', SVG_CSP);
  const ok = [...notModified, 'content-type', entry.contentType, 'content-length', String(entry.bytes.length)];
  return { ok, notModified };
}

/** The header list for `entry`, with `cacheControl` in place; valid until the next call for the same entry. */
export function deliveryHeaders(
  entry: CachedVariant,
  shape: HeaderShape,
  cacheControl: string,
  status: 200 | 304,
): string[] {
  let lists = built.get(entry);
  if (!lists) {
    lists = [];
    built.set(entry, lists);
  }
  const index = (shape.vary ? 1 : 0) + (shape.svg ? 2 : 0);
  let prebuilt = lists[index];
  if (!prebuilt) {
    prebuilt = build(entry, shape);
    lists[index] = prebuilt;
  }
  const list = status === 200 ? prebuilt.ok : prebuilt.notModified;
  list[CACHE_CONTROL_SLOT] = cacheControl;
  return list;
}

const publicCacheControl = new Map<number, string>();

/** `public, max-age=<ttl>, stale-while-revalidate=7200`, one string per TTL. */
export function publicCacheControlFor(ttl: number): string {
  let value = publicCacheControl.get(ttl);
  if (value === undefined) {
    value = `public, max-age=${ttl}, stale-while-revalidate=7200`;
    if (publicCacheControl.size > 100) publicCacheControl.clear();
    publicCacheControl.set(ttl, value);
  }
  return value;
}
