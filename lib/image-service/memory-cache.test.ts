import { describe, expect, it } from 'vitest';
import { MAX_ENTRY_BYTES, MemoryCache } from './memory-cache';

const variant = (bytes: number) => ({ bytes: Buffer.alloc(bytes), contentType: 'image/webp', etag: '"e"' });

describe('memory cache', () => {
  it('keeps small variants and evicts the least recently used past its bound', () => {
    const cache = new MemoryCache(1000);
    cache.set('a', variant(100));
    cache.set('b', variant(100));
    expect(cache.get('a')).toBeDefined();
    for (let i = 0; i < 9; i++) cache.set(`c${i}`, variant(100));
    expect(cache.get('a')).toBeDefined(); // used recently
    expect(cache.get('b')).toBeUndefined();
  });

  it('never keeps a file above the per-entry bound, however large the cache', () => {
    const cache = new MemoryCache(1024 * 1024 * 1024);
    cache.set('big', variant(MAX_ENTRY_BYTES + 1));
    cache.set('fits', variant(MAX_ENTRY_BYTES));
    expect(cache.get('big')).toBeUndefined();
    expect(cache.get('fits')).toBeDefined();
  });
});
