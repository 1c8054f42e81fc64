/** Every audit entry carries the client's address when one can be believed, without callers passing it. */
import { describe, expect, it, vi } from 'vitest';
import { stubAppEnv } from '@/test/helpers/app-env';

vi.mock('next/headers', () => import('@/test/helpers/next-headers'));
stubAppEnv();
vi.stubEnv('PIXVAULT_TRUSTED_PROXIES', '127.0.0.1');

const { setRequestHeaders } = await import('@/test/helpers/next-headers');
const { audit, recordAudit } = await import('./audit');
const { getDb } = await import('./index');

const ipOf = async (action: string) =>
  (await (await getDb()).selectFrom('audit_log').select('ip').where('action', '=', action).executeTakeFirstOrThrow())
    .ip;

describe('audit entries', () => {
  it('record the address of the request they were made in, as the trusted proxy reports it', async () => {
    setRequestHeaders({ 'x-forwarded-for': '203.0.113.7, 127.0.0.1' });
    await audit('someone', 'test.v4', 'target', { why: 'test' });
    expect(await ipOf('test.v4')).toBe('203.0.113.7');
    // The full address, not the /64 the sign-in limiter buckets IPv6 clients by.
    setRequestHeaders({ 'x-forwarded-for': '2001:db8:1:2:aaaa::1, 127.0.0.1' });
    await audit('someone', 'test.v6', 'target');
    expect(await ipOf('test.v6')).toBe('2001:db8:1:2:aaaa::1');
  });

  it('record the nearest hop that is not a trusted proxy, and nothing without a header', async () => {
    setRequestHeaders({ 'x-forwarded-for': '192.0.2.99, 198.51.100.1' });
    await audit(null, 'test.direct', null);
    // 198.51.100.1 is no proxy of ours, so what it claims about 192.0.2.99 is not believed.
    expect(await ipOf('test.direct')).toBe('198.51.100.1');
    setRequestHeaders({});
    await audit(null, 'test.no-header', null);
    expect(await ipOf('test.no-header')).toBeNull();
  });

  it('take an address given explicitly over the request’s', async () => {
    setRequestHeaders({ 'x-forwarded-for': '203.0.113.7, 127.0.0.1' });
    await recordAudit({ actorId: null, action: 'test.explicit', target: null, ip: '192.0.2.44' });
    await recordAudit({ actorId: null, action: 'test.none', target: null, ip: null });
    expect(await ipOf('test.explicit')).toBe('192.0.2.44');
    expect(await ipOf('test.none')).toBeNull();
  });
});
