/**
 * The address a sign-in attempt comes from, for rate limiting.
 *
 * Next.js does not hand route handlers or server actions the socket's address: `next start` copies
 * it into `X-Forwarded-For` only when the client sent no such header, and passes a client-set one
 * through unchanged. So the header is believed only when the deployment names its proxies
 * (`PIXVAULT_TRUSTED_PROXIES`), and then only up to the first hop that is not one of them. Without
 * trusted proxies there is no address we can believe: the answer is null, and the limiter treats
 * every client as one bucket (per-account limits and the global ceiling still apply).
 */
import ipaddr from 'ipaddr.js';

export type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Parses `10.0.0.0/8`, `::1/128` or a bare address (one host). Throws on anything else. */
export function parseCidr(entry: string): Cidr {
  if (ipaddr.isValidCIDR(entry)) return ipaddr.parseCIDR(entry);
  const ip = ipaddr.parse(entry);
  return [ip, ip.kind() === 'ipv4' ? 32 : 128];
}

export function isCidrOrAddress(entry: string): boolean {
  return ipaddr.isValidCIDR(entry) || ipaddr.isValid(entry);
}

function parseHop(raw: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const value = raw.trim().replace(/^\[(.*)\]$/, '$1');
  if (!ipaddr.isValid(value)) return null;
  // IPv4-mapped IPv6 (::ffff:1.2.3.4) and plain IPv4 must land in the same bucket.
  return ipaddr.process(value);
}

function isTrusted(ip: ipaddr.IPv4 | ipaddr.IPv6, trusted: readonly Cidr[]): boolean {
  return trusted.some(([range, bits]) => range.kind() === ip.kind() && ip.match(range, bits));
}

/**
 * One IPv6 host usually owns a whole /64, so IPv6 clients are keyed by their /64: otherwise each
 * attempt could come from a fresh address of the same machine.
 */
function bucketOf(ip: ipaddr.IPv4 | ipaddr.IPv6): string {
  if (ip.kind() === 'ipv4') return ip.toString();
  const parts = (ip as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
  return `${parts.join(':')}::/64`;
}

/** The client's address, walking `X-Forwarded-For` from the right past trusted proxies (see `clientAddress`). */
function clientHop(headers: Headers, trusted: readonly Cidr[]): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (trusted.length === 0) return null;
  const hops = (headers.get('x-forwarded-for') ?? '').split(',').filter((h) => h.trim() !== '');
  let last: ipaddr.IPv4 | ipaddr.IPv6 | null = null;
  for (let i = hops.length - 1; i >= 0; i--) {
    const ip = parseHop(hops[i] ?? '');
    if (!ip) return null;
    if (!isTrusted(ip, trusted)) return ip;
    last = ip;
  }
  return last;
}

/**
 * The client's address bucket, or null when it cannot be known (no trusted proxies configured, or
 * a header that does not parse). Walks `X-Forwarded-For` from the right, skipping trusted proxies;
 * the first other hop is the client. A request that only passed trusted hosts is keyed by the
 * leftmost of them.
 */
export function clientAddress(headers: Headers, trusted: readonly Cidr[]): string | null {
  const ip = clientHop(headers, trusted);
  return ip ? bucketOf(ip) : null;
}

/** The client's full address (not its /64), for the audit log; null under the same conditions as `clientAddress`. */
export function clientIp(headers: Headers, trusted: readonly Cidr[]): string | null {
  return clientHop(headers, trusted)?.toString() ?? null;
}
