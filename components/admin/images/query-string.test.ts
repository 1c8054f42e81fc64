import { expect, it } from 'vitest';
import { withParams } from './query-string';

it('keeps the current query, changes some values and drops empty ones', () => {
  expect(withParams('/admin/images', { q: 'sun', page: '3' }, { sort: 'size', page: null })).toBe(
    '/admin/images?q=sun&sort=size',
  );
  expect(withParams('/admin/images', { q: 'sun' }, { q: '' })).toBe('/admin/images');
  expect(withParams('/x', {}, { q: 'a&b' })).toBe('/x?q=a%26b');
});
