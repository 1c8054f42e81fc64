/**
 * The client address of the request being handled, for the audit log: from `X-Forwarded-For` behind
 * the configured trusted proxies only (see ./client-address.ts), else null, as for sign-in limits.
 */
import { headers } from 'next/headers';
import { appEnv } from '@/lib/env';
import { clientIp, parseCidr } from './client-address';

export async function currentRequestIp(): Promise<string | null> {
  let incoming: Headers;
  try {
    incoming = await headers();
  } catch {
    // Outside a request (the users CLI, background reconciliation): nobody's address to record.
    return null;
  }
  return clientIp(incoming, appEnv().access.trustedProxies.map(parseCidr));
}
