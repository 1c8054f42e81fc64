import { describe, expect, it } from 'vitest';
import { clientAddress, clientIp, isCidrOrAddress, parseCidr } from './client-address';

const xff = (value?: string) => new Headers(value === undefined ? {} : { 'x-forwarded-for': value });
const proxies = ['127.0.0.1', '10.0.0.0/8', '::1'].map(parseCidr);

describe('clientAddress', () => {
  it('believes nothing when no proxy is trusted, whatever the header claims', () => {
    expect(clientAddress(xff('203.0.113.7'), [])).toBeNull();
    expect(clientAddress(xff(), [])).toBeNull();
  });

  it('takes the first hop from the right that is not a trusted proxy', () => {
    expect(clientAddress(xff('203.0.113.7, 10.1.2.3'), proxies)).toBe('203.0.113.7');
    // A client-chosen value to the left of the real client is never reached.
    expect(clientAddress(xff('198.51.100.1, 203.0.113.7, 10.1.2.3, 127.0.0.1'), proxies)).toBe('203.0.113.7');
  });

  it('refuses a claim made by a hop that is not trusted', () => {
    // The request came straight from 203.0.113.9 (not a proxy): what it says about others is ignored.
    expect(clientAddress(xff('192.0.2.50, 203.0.113.9'), proxies)).toBe('203.0.113.9');
  });

  it('keys IPv4-mapped addresses as IPv4 and IPv6 clients by their /64', () => {
    expect(clientAddress(xff('::ffff:203.0.113.7'), proxies)).toBe('203.0.113.7');
    expect(clientAddress(xff('2001:db8:1:2:aaaa::1'), proxies)).toBe('2001:db8:1:2::/64');
    expect(clientAddress(xff('[2001:db8:1:2:bbbb::9]'), proxies)).toBe('2001:db8:1:2::/64');
  });

  it('uses the leftmost trusted host when only trusted hosts were passed, and gives up on garbage', () => {
    expect(clientAddress(xff('10.9.9.9, 127.0.0.1'), proxies)).toBe('10.9.9.9');
    expect(clientAddress(xff('not-an-ip, 10.1.2.3'), proxies)).toBeNull();
    expect(clientAddress(xff(), proxies)).toBeNull();
  });
});

describe('clientIp', () => {
  it('is the same client as clientAddress, as its full address (for the audit log)', () => {
    expect(clientIp(xff('2001:db8:1:2:aaaa::1, 10.1.2.3'), proxies)).toBe('2001:db8:1:2:aaaa::1');
    expect(clientIp(xff('::ffff:203.0.113.7'), proxies)).toBe('203.0.113.7');
    expect(clientIp(xff('203.0.113.7'), [])).toBeNull();
    expect(clientIp(xff('not-an-ip, 10.1.2.3'), proxies)).toBeNull();
  });
});

describe('trusted proxy entries', () => {
  it('accepts CIDRs and bare addresses, nothing else', () => {
    expect(isCidrOrAddress('10.0.0.0/8')).toBe(true);
    expect(isCidrOrAddress('::1')).toBe(true);
    expect(isCidrOrAddress('localhost')).toBe(false);
    expect(isCidrOrAddress('10.0.0.0/33')).toBe(false);
    expect(parseCidr('192.0.2.1')[1]).toBe(32);
  });
});
