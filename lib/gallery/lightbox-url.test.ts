import { describe, expect, it } from 'vitest';
import { lightboxHref } from './lightbox-url';

describe('lightboxHref', () => {
  it('adds the image and keeps the filters', () => {
    expect(lightboxHref({ pathname: '/', search: '?filter=mine&q=cat' }, 'a b')).toBe('/?filter=mine&q=cat&image=a+b');
  });

  it('replaces an open image and removes it on close', () => {
    expect(lightboxHref({ pathname: '/', search: '?image=1&q=x' }, '2')).toBe('/?image=2&q=x');
    expect(lightboxHref({ pathname: '/', search: '?image=1' }, null)).toBe('/');
  });
});
