/**
 * The client address of the request being handled: from `X-Forwarded-For` behind the configured
 * trusted proxies only (see ./client-address.ts), else null, as for sign-in limits.
 */
import { headers } from 'next/headers';
import { appEnv } from '@/lib/env';
import { type Cidr, clientAddress, clientIp, parseCidr } from './client-address';

async function fromRequest<T>(read: (incoming: Headers, trusted: Cidr[]) => T): Promise<T | null> {
  let incoming: Headers;
  try {
    incoming = await headers();
  } catch {
    // Outside a request (the users CLI, background reconciliation): nobody's address to record.
    return null;
  }
  return read(incoming, appEnv().access.trustedProxies.map(parseCidr));
}

/** The full address, for the audit log. */
export async function currentRequestIp(): Promise<string | null> {
  return fromRequest(clientIp);
}

/** The address bucket (an IPv6 client's /64), for rate limits keyed by where attempts come from. */
export async function currentClientAddress(): Promise<string | null> {
  return fromRequest(clientAddress);
}
