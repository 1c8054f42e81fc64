import { describe, expect, it } from 'vitest';
import { deliveryHeaders, publicCacheControlFor } from './delivery-headers';
import type { CachedVariant } from './memory-cache';

const entry = (): CachedVariant => ({ bytes: Buffer.alloc(1234), contentType: 'image/webp', etag: '"abc"' });

const asObject = (list: string[]) => {
  const out: Record<string, string> = {};
  for (let i = 0; i < list.length; i += 2) out[list[i] as string] = list[i + 1] as string;
  return out;
};

describe('delivery headers', () => {
  it('lists the contract headers of a 200, with this request’s Cache-Control', () => {
    const headers = asObject(deliveryHeaders(entry(), { vary: true, svg: false }, 'private, max-age=60', 200));
    expect(headers).toEqual({
      'x-content-type-options': 'nosniff',
      'access-control-allow-origin': '*',
      'cross-origin-resource-policy': 'cross-origin',
      'cache-control': 'private, max-age=60',
      etag: '"abc"',
      vary: 'Accept',
      'content-type': 'image/webp',
      'content-length': '1234',
    });
  });

  it('reuses one list per entry and shape, changing only Cache-Control', () => {
    const e = entry();
    const first = deliveryHeaders(e, { vary: false, svg: false }, 'private, max-age=60', 200);
    const second = deliveryHeaders(e, { vary: false, svg: false }, 'private, max-age=59', 200);
    expect(second).toBe(first);
    expect(asObject(second)['cache-control']).toBe('private, max-age=59');
    expect(asObject(second).vary).toBeUndefined();
    expect(deliveryHeaders(e, { vary: true, svg: false }, 'x', 200)).not.toBe(first);
  });

  it('leaves content type and length out of a 304, and adds the CSP for an SVG', () => {
    const headers = asObject(deliveryHeaders(entry(), { vary: false, svg: true }, 'public, max-age=1', 304));
    expect(headers['content-type']).toBeUndefined();
    expect(headers['content-length']).toBeUndefined();
    expect(headers.etag).toBe('"abc"');
    expect(headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('keeps one public Cache-Control string per TTL', () => {
    expect(publicCacheControlFor(3600)).toBe('public, max-age=3600, stale-while-revalidate=7200');
    expect(publicCacheControlFor(3600)).toBe(publicCacheControlFor(3600));
  });
});
