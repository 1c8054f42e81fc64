import { describe, expect, it } from 'vitest';
import { API_PATH_WORDS, customIdProblem } from '@/lib/cloudflare-images/ids';
import { ROUTE_WORDS } from './api';
import { compileRoutes, findRoute } from './routes';

describe('the route table', () => {
  it('has no fixed word that a custom id may use as a part (the contract lists them all)', () => {
    expect([...ROUTE_WORDS].sort()).toEqual(['blob', 'config', 'direct_upload', 'keys', 'stats', 'variants']);
    for (const word of ROUTE_WORDS) {
      expect(API_PATH_WORDS.has(word), word).toBe(true);
      expect(customIdProblem(`album/${word}`), word).not.toBeNull();
    }
  });

  const table = compileRoutes([
    { method: 'GET', path: 'v1/keys', handler: 'list keys' },
    { method: 'DELETE', path: 'v1/keys/:name', handler: 'delete key' },
    { method: 'GET', path: 'v1/:id/blob', handler: 'blob' },
    { method: 'GET', path: 'v1/:id', handler: 'get image' },
    { method: 'DELETE', path: 'v1/:id', handler: 'delete image' },
  ]);

  it('matches by exact shape, and never takes an id from a path with a route word in it', () => {
    expect(findRoute(table, 'DELETE', 'v1/keys/default')).toEqual({ handler: 'delete key', param: 'default' });
    expect(findRoute(table, 'GET', 'v1/keys/default')).toBe('method');
    expect(findRoute(table, 'DELETE', 'v1/keys%2Fdefault')).toEqual({ handler: 'delete image', param: 'keys/default' });
    expect(findRoute(table, 'GET', 'v1/a/b/blob')).toEqual({ handler: 'blob', param: 'a/b' });
    expect(findRoute(table, 'DELETE', 'v1/a/blob')).toBe('method');
    expect(findRoute(table, 'GET', 'v1/keys/a/blob')).toBeNull();
    expect(findRoute(table, 'GET', 'v1/albums/keyset')).toEqual({ handler: 'get image', param: 'albums/keyset' });
    expect(() => findRoute(table, 'GET', 'v1/%E0%A4%A')).toThrow(/percent-encoding/);
  });
});
