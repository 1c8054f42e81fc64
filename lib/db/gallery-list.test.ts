/** Gallery listing on either engine: ranked full-text search, tag filters, timeline order and paging. */
import { describe, expect, it } from 'vitest';
import type { CaptureInfo } from '@/lib/cloudflare-images/capture-info';
import { freshDb } from '@/test/helpers/db';
import { type GalleryPosition, type GalleryQuery, listGallery } from './gallery-list';
import { updateImageFields } from './image-text';
import { insertPendingImage, markReady } from './images';
import type { AppDb } from './index';
import { searchTerms } from './search-sql';
import { createUser } from './users';

const base = { width: 10, height: 10, bytes: 1, contentType: 'image/jpeg', placeholder: null, filename: null };
const capture = (takenAt: string, offset: string | null = null): CaptureInfo => ({
  takenAt,
  offset,
  make: null,
  model: null,
  lens: null,
  exposureTime: null,
  fNumber: null,
  iso: null,
  focalLength: null,
});

async function add(
  db: AppDb,
  ownerId: string,
  id: string,
  f: { title?: string; filename?: string; caption?: string; tags?: string[]; capture?: CaptureInfo },
) {
  await insertPendingImage({ recordId: id, ownerId, title: f.title ?? id, filename: f.filename ?? `${id}.jpg` }, db);
  await markReady(id, { ...base, capture: f.capture ?? null }, db);
  if (f.caption !== undefined || f.tags !== undefined)
    await updateImageFields(id, { caption: f.caption, tags: f.tags }, db);
}

const ids = async (db: AppDb, q: Omit<GalleryQuery, 'limit'>) =>
  (await listGallery({ limit: 50, ...q }, db)).rows.map((r) => r.id);

describe('gallery search', () => {
  it('finds by title, tag, caption, file name and owner name, title and tag matches ranked first', async () => {
    const db = await freshDb();
    const ann = await createUser(
      { email: 'ann@example.com', passwordHash: null, role: 'uploader', name: 'Ann Lighthouse' },
      db,
    );
    const bob = await createUser({ email: 'bob@example.com', passwordHash: null, role: 'uploader', name: 'Bob' }, db);
    await add(db, bob.id, 'in-caption', { title: 'Evening', caption: 'A harbour at dusk' });
    await add(db, bob.id, 'in-title', { title: 'Harbour walls' });
    await add(db, bob.id, 'in-file', { title: 'Untitled', filename: 'IMG_2041_harbour.jpg' });
    await add(db, bob.id, 'in-tag', { title: 'Boats', tags: ['harbour', 'boats'] });
    await add(db, ann.id, 'by-ann', { title: 'Cliffs' });
    await add(db, bob.id, 'other', { title: 'Forest', caption: 'trees' });

    const hits = await ids(db, { search: 'harbour' });
    expect(hits).toHaveLength(4);
    expect(new Set(hits.slice(0, 2))).toEqual(new Set(['in-title', 'in-tag']));
    expect(new Set(hits.slice(2))).toEqual(new Set(['in-caption', 'in-file']));
    expect(await ids(db, { search: 'HARB' })).toHaveLength(4); // prefix, any case
    expect(await ids(db, { search: '2041' })).toEqual(['in-file']);
    expect(await ids(db, { search: 'lighthouse' })).toEqual(['by-ann']);
    expect(await ids(db, { search: 'ann cliffs' })).toEqual(['by-ann']); // owner and title words together
    expect(await ids(db, { search: 'harbour dusk' })).toEqual(['in-caption']); // every word required
    // A rename reaches the owner's images.
    await db.updateTable('users').set({ name: 'Annabel Coast' }).where('id', '=', ann.id).execute();
    expect(await ids(db, { search: 'lighthouse' })).toEqual([]);
    expect(await ids(db, { search: 'coast' })).toEqual(['by-ann']);
  });

  it('treats quotes and operators as plain text (no query syntax reaches the engine)', async () => {
    const db = await freshDb();
    const o = await createUser({ email: 'o@example.com', passwordHash: null, role: 'uploader' }, db);
    await add(db, o.id, 'sun', { title: 'Sunny "day" at sea' });
    for (const q of [
      '"sunny',
      'sunny OR',
      'NEAR(sunny day)',
      'title:sunny',
      'sunny*',
      '-sea',
      "sun' & !day | (",
      '\\"*:^',
    ]) {
      await expect(ids(db, { search: q }), q).resolves.toBeInstanceOf(Array);
    }
    expect(await ids(db, { search: '"sunny" AND' })).toEqual([]); // "and" is a word to find, not an operator
    expect(await ids(db, { search: '"sunny" -sea' })).toEqual(['sun']);
    expect(await ids(db, { search: '***' })).toEqual(['sun']); // no words: no search, everything listed
    expect(searchTerms('  Café "x" OR x  ')).toEqual(['cafe', 'x', 'or']);
  });

  it('ignores accents and case both ways, in every field', async () => {
    const db = await freshDb();
    const zoe = await createUser(
      { email: 'zoe@example.com', passwordHash: null, role: 'uploader', name: 'Zoë Ørsted' },
      db,
    );
    await add(db, zoe.id, 'cafe', { title: 'Café in Zürich' });
    await add(db, zoe.id, 'lodz', { title: 'Street', caption: 'Łódź at night', tags: ['crème-brûlée'] });
    await add(db, zoe.id, 'plain', { title: 'Cafe sign', filename: 'resume.jpg' });
    await add(db, zoe.id, 'file', { title: 'Untitled', filename: 'RÉSUMÉ_2024.jpg' });

    expect(new Set(await ids(db, { search: 'cafe' }))).toEqual(new Set(['cafe', 'plain']));
    expect(new Set(await ids(db, { search: 'CAFÉ' }))).toEqual(new Set(['cafe', 'plain']));
    expect(await ids(db, { search: 'zurich' })).toEqual(['cafe']);
    expect(await ids(db, { search: 'lodz' })).toEqual(['lodz']);
    expect(await ids(db, { search: 'brulee' })).toEqual(['lodz']);
    expect(new Set(await ids(db, { search: 'résumé' }))).toEqual(new Set(['plain', 'file']));
    expect((await ids(db, { search: 'orsted zoe' })).length).toBe(4); // the owner's name, folded too
  });

  it('filters by exact tags and pages ranked results by offset', async () => {
    const db = await freshDb();
    const o = await createUser({ email: 'o@example.com', passwordHash: null, role: 'uploader' }, db);
    for (let i = 0; i < 5; i++)
      await add(db, o.id, `cat-${i}`, { title: `cat ${i}`, tags: i % 2 ? ['cats', 'pets'] : ['cats'] });
    await add(db, o.id, 'dog', { title: 'dog', tags: ['pets', 'catsitter'] });
    expect((await ids(db, { tags: ['cats'] })).sort()).toEqual(['cat-0', 'cat-1', 'cat-2', 'cat-3', 'cat-4']);
    expect((await ids(db, { tags: ['cats', 'pets'] })).sort()).toEqual(['cat-1', 'cat-3']);
    expect(await ids(db, { tags: ['pets'], search: 'dog' })).toEqual(['dog']);
    await updateImageFields('dog', { tags: [] }, db);
    expect(await ids(db, { tags: ['pets'] })).not.toContain('dog');
    const seen: string[] = [];
    let after: GalleryPosition | undefined;
    for (;;) {
      const page = await listGallery({ search: 'cat', limit: 2, after }, db);
      expect(page.ranked).toBe(true);
      seen.push(...page.rows.map((r) => r.id));
      if (!page.next) break;
      after = page.next;
    }
    expect(seen.sort()).toEqual(['cat-0', 'cat-1', 'cat-2', 'cat-3', 'cat-4']);
  });
});

describe('timeline', () => {
  it('orders by date taken (offset applied), images without one at their upload time, keyset-paged', async () => {
    const db = await freshDb();
    const o = await createUser({ email: 'o@example.com', passwordHash: null, role: 'uploader' }, db);
    await add(db, o.id, 'tokyo', { capture: capture('2020-06-01T08:00:00', '+09:00') }); // 23:00Z May 31
    await add(db, o.id, 'london', { capture: capture('2020-06-01T00:30:00', '+01:00') }); // 23:30Z May 31
    await add(db, o.id, 'old', { capture: capture('2001-01-01T12:00:00') });
    await add(db, o.id, 'screenshot', {}); // no capture date: placed at its upload (now)
    expect(await ids(db, { sort: 'taken' })).toEqual(['screenshot', 'london', 'tokyo', 'old']);
    const seen: string[] = [];
    let after: GalleryPosition | undefined;
    for (;;) {
      const page = await listGallery({ sort: 'taken', limit: 3, after }, db);
      seen.push(...page.rows.map((r) => r.id));
      if (!page.next) break;
      after = page.next;
    }
    expect(seen).toEqual(['screenshot', 'london', 'tokyo', 'old']);
    const row = (await listGallery({ limit: 10, sort: 'taken' }, db)).rows.find((r) => r.id === 'tokyo');
    expect(row?.taken_at).toBe(Date.parse('2020-05-31T23:00:00Z'));
  });
});
