import { describe, expect, it } from 'vitest';
import type { GalleryPage } from '@/lib/schemas/api';
import { msUntilUrlRefresh } from './images';

describe('msUntilUrlRefresh', () => {
  it('refreshes five minutes before the earliest page expires, never sooner than a minute', () => {
    const page = (urlsExpireAt: number): GalleryPage => ({ images: [], nextCursor: null, urlsExpireAt, ranked: false });
    expect(msUntilUrlRefresh([page(4000), page(3000)], 0)).toBe(3000_000 - 300_000);
    expect(msUntilUrlRefresh([page(100)], 0)).toBe(60_000);
    expect(msUntilUrlRefresh([page(0)], 0)).toBe(false);
  });
});
