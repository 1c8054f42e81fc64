import { beforeAll, describe, expect, it } from 'vitest';
import { stubAppEnv } from '@/test/helpers/app-env';

// Configure before the modules read it: a throwaway data folder and Cloudflare-shaped credentials.
stubAppEnv();

const { createUser } = await import('@/lib/db/users');
const { insertPendingImage, markReady, setServiceId } = await import('@/lib/db/images');
const { galleryPage, imageDetail } = await import('./read');
const { verifySignature } = await import('@/lib/cloudflare-images/signing');
const { titleFromFilename } = await import('./uploads');
const { variantWidth } = await import('./variants');

let alice: { id: string; role: 'uploader' };
let bob: { id: string; role: 'viewer' };

beforeAll(async () => {
  const uploader = await createUser({ email: 'alice@example.com', passwordHash: null, role: 'uploader' });
  alice = { id: uploader.id, role: 'uploader' };
  bob = { id: (await createUser({ email: 'bob@example.com', passwordHash: null, role: 'viewer' })).id, role: 'viewer' };
  const titles = ['sunset', 'beach 100%', 'mountain_trail', 'city', 'forest', 'sunrise'];
  for (const [i, title] of titles.entries()) {
    const recordId = `rec-${i}`;
    await insertPendingImage({ recordId, ownerId: alice.id, title, filename: `${title}.jpg` });
    await setServiceId(recordId, `svc-${i}`);
    await markReady(recordId, {
      width: 4000,
      height: 3000,
      bytes: 1000 + i,
      contentType: 'image/jpeg',
      placeholder: null,
      filename: null,
    });
  }
  await insertPendingImage({ recordId: 'never-finished', ownerId: alice.id, title: 'pending', filename: 'p.jpg' });
});

describe('gallery listing', () => {
  it('pages newest first with a cursor, never showing pending uploads', async () => {
    const first = await galleryPage(bob, { filter: 'all', limit: 4 });
    expect(first.images).toHaveLength(4);
    expect(first.nextCursor).not.toBeNull();
    const second = await galleryPage(bob, { filter: 'all', limit: 4, cursor: first.nextCursor ?? undefined });
    expect(second.images).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.images, ...second.images].map((i) => i.id);
    expect(new Set(ids).size).toBe(6);
    expect(ids).not.toContain('never-finished');
  });

  it('filters mine and searches titles by words (no LIKE wildcards from the user)', async () => {
    expect((await galleryPage(bob, { filter: 'mine', limit: 10 })).images).toHaveLength(0);
    expect((await galleryPage(alice, { filter: 'mine', limit: 10 })).images).toHaveLength(6);
    expect(
      (await galleryPage(bob, { filter: 'all', limit: 10, search: 'sun' })).images.map((i) => i.title).sort(),
    ).toEqual(['sunrise', 'sunset']);
    expect((await galleryPage(bob, { filter: 'all', limit: 10, search: 'SUN' })).images).toHaveLength(2);
    // Words only (full-text search, gallery-list.test.ts has the ranking): "%" and "_" are separators.
    expect((await galleryPage(bob, { filter: 'all', limit: 10, search: '100%' })).images.map((i) => i.title)).toEqual([
      'beach 100%',
    ]);
    expect((await galleryPage(bob, { filter: 'all', limit: 10, search: 'trail' })).images.map((i) => i.title)).toEqual([
      'mountain_trail',
    ]);
    expect((await galleryPage(bob, { filter: 'all', limit: 10, search: '%' })).ranked).toBe(false); // no words: no search
  });

  it('refuses a forged cursor with a 400', async () => {
    await expect(galleryPage(bob, { filter: 'all', limit: 4, cursor: 'garbage' })).rejects.toThrow(/cursor/);
  });

  it('refuses a search cursor with a negative position with a 400, and a keyset cursor with a NUL in its id', async () => {
    const cursor = (text: string) => Buffer.from(text).toString('base64url');
    for (const q of [
      { search: 'sun', cursor: cursor('-1:s') },
      { search: 'sun', cursor: cursor('2.5:s') },
      { cursor: cursor(`${Date.now()}:rec-1\u0000`) },
    ]) {
      await expect(galleryPage(bob, { filter: 'all', limit: 4, ...q })).rejects.toMatchObject({
        status: 400,
        code: 'invalid_cursor',
      });
    }
  });

  it('pages the timeline past photos taken before 1970 (negative positions)', async () => {
    const cursor = Buffer.from(`${Date.UTC(1965, 0, 1)}:zzz`).toString('base64url');
    expect((await galleryPage(bob, { filter: 'all', limit: 4, sort: 'taken', cursor })).images).toEqual([]);
  });

  it('signs every variant URL with one bucketed expiry, stable within the bucket', async () => {
    const t0 = Date.UTC(2026, 0, 1, 12, 0, 30);
    const a = await galleryPage(bob, { filter: 'all', limit: 1 }, t0);
    const b = await galleryPage(bob, { filter: 'all', limit: 1 }, t0 + 5 * 60_000);
    const image = a.images[0];
    expect(image?.urls).toEqual(b.images[0]?.urls);
    expect(a.urlsExpireAt - t0 / 1000).toBeGreaterThanOrEqual(3600);
    expect(a.urlsExpireAt % 900).toBe(0);
    const url = new URL(image?.urls.thumbnail ?? '');
    expect(url.origin + url.pathname).toBe(`https://imagedelivery.net/HASH/svc-${image?.id.slice(4)}/thumbnail`);
    expect(verifySignature(url.pathname, url.search.slice(1), ['signing-key'], t0 / 1000).ok).toBe(true);
    expect(image?.widths).toEqual({
      tile200: 200,
      tile300: 300,
      thumbnail: 400,
      tile450: 450,
      tile675: 675,
      mobile: 828,
      large: 1280,
      desktop: 1920,
    });
  });

  it('tells the viewer whether they may manage the image', async () => {
    expect((await imageDetail(alice, 'rec-0')).canManage).toBe(true);
    expect((await imageDetail(bob, 'rec-0')).canManage).toBe(false);
    await expect(imageDetail(bob, 'never-finished')).rejects.toThrow(/not found/);
  });
});

describe('small rules', () => {
  it('derives titles from filenames', () => {
    expect(titleFromFilename('IMG_2041.JPG')).toBe('IMG 2041');
    expect(titleFromFilename('C:\\photos\\holiday.beach.png')).toBe('holiday.beach');
    expect(titleFromFilename('.jpg')).toBe('.jpg');
  });

  it('computes the real width of a scale-down variant', () => {
    expect(variantWidth('thumbnail', 4000, 3000)).toBe(400);
    expect(variantWidth('thumbnail', 3000, 4000)).toBe(300);
    expect(variantWidth('mobile', 500, 500)).toBe(500); // never enlarged
    expect(variantWidth('desktop', 10000, 1000)).toBe(1920);
  });
});
