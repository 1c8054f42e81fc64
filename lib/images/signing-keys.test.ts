/** The app signs with the newest key the backend lists, cached briefly, and falls back to the configured key. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stubAppEnv } from '@/test/helpers/app-env';
import { startTestService, type TestService } from '@/test/helpers/service';

let t: TestService;
beforeAll(async () => {
  t = await startTestService();
  stubAppEnv(t);
});
afterAll(() => t.stop());

const { newestKey } = await import('./key-ages');
const { imagesClient } = await import('./client');
const { refreshSigningKeys, signingKey, KEY_CACHE_MS } = await import('./signing-keys');

const aged = (name: string, value: string, firstSeenMs: number) => ({ name, value, fingerprint: name, firstSeenMs });

describe('newestKey', () => {
  it('picks the key seen last; among keys met together the configured one, then the last listed', () => {
    expect(newestKey([aged('a', '1', 5), aged('b', '2', 9), aged('c', '3', 7)], 'x')?.name).toBe('b');
    expect(newestKey([aged('a', '1', 5), aged('b', '2', 5)], '1')?.name).toBe('a');
    expect(newestKey([aged('a', '1', 5), aged('b', '2', 5)], 'x')?.name).toBe('b');
    expect(newestKey([], 'x')).toBeUndefined();
  });
});

describe('signingKey', () => {
  it('follows a rotation: the new key at once here, within the cache time elsewhere, and back after a delete', async () => {
    const start = Date.now();
    expect(await signingKey(start)).toBe(t.config.signingKey);

    // Another instance rotated: this one keeps the cached key until the cache time has passed...
    const newer = (await imagesClient().putKey('newer')).find((k) => k.name === 'newer')?.value;
    expect(newer).toBeDefined();
    expect(await signingKey(start + 1000)).toBe(t.config.signingKey);
    // ...then serves the stale key once while it reads the keys again, and the new one after.
    const later = start + KEY_CACHE_MS + 1000;
    expect(await signingKey(later)).toBe(t.config.signingKey);
    await refreshSigningKeys(later);
    expect(await signingKey(later)).toBe(newer);

    // The newest key deleted: the next newest signs again.
    await imagesClient().deleteKey('newer');
    await refreshSigningKeys(later + 1);
    expect(await signingKey(later + 2)).toBe(t.config.signingKey);
  });

  it('is one cache per process, shared by every copy of the module (Next.js bundles routes and actions apart)', async () => {
    const now = Date.now() + 3 * KEY_CACHE_MS;
    vi.resetModules();
    const copy = await import('./signing-keys');
    expect(copy.signingKey).not.toBe(signingKey); // a second copy, as in a Next.js build
    const before = await copy.signingKey(now);
    expect(await signingKey(now)).toBe(before);

    // A rotation seen by one copy (the keys page's action) is the other's (the gallery's API) at once.
    const rotated = (await imagesClient().putKey('rotated')).find((k) => k.name === 'rotated')?.value;
    await refreshSigningKeys(now + 1);
    expect(await copy.signingKey(now + 2)).toBe(rotated);
  });
});
